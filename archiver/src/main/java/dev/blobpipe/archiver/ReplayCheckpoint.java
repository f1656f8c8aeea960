package dev.blobpipe.archiver;

import dev.blobpipe.schemas.UploadId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one chunk partition's committed consumer offset means: replay starts at {@link #offset()}, and the uploads in
 * {@link #finished()} (upload id to the offset of its seq-0 chunk, at or after the offset) were already published,
 * rejected or aborted, so their records met again in the replay are ignored.
 *
 * <p>Why the list is needed: the offset stays at the first chunk of the oldest open upload, so an upload that began
 * after it and finished before a crash lies wholly inside the replayed range; without the list it would be published
 * a second time (same version, but a second event). The list travels as the offset's metadata string, in the same
 * transaction as the events, so it is exactly as durable as the offset. The broker caps that string
 * ({@code offset.metadata.max.bytes}, 4096 by default): past {@link #MAX_METADATA_CHARS} the oldest entries are left
 * out, and an upload left out may get a duplicate event after a crash (the catalog applies it idempotently).
 */
record ReplayCheckpoint(long offset, Map<UploadId, Long> finished) {
    /** No committed offset yet: the consumer starts at the beginning of the partition. */
    static final ReplayCheckpoint NONE = new ReplayCheckpoint(-1, Map.of());
    static final int MAX_METADATA_CHARS = 3000;
    private static final String FORMAT = "bp1:";

    ReplayCheckpoint {
        Objects.requireNonNull(finished, "finished");
        finished = Map.copyOf(finished);
    }

    /**
     * The checkpoint for a commit at {@code offset}: entries whose seq-0 chunk lies before the offset are dropped (a
     * replay from there never sees their start, and records of uploads without a start are ignored anyway); the
     * newest entries that fit the metadata budget are kept.
     */
    static ReplayCheckpoint at(long offset, Map<UploadId, Long> finished) {
        List<Map.Entry<UploadId, Long>> kept = new ArrayList<>();
        for (Map.Entry<UploadId, Long> entry : finished.entrySet()) {
            if (entry.getValue() >= offset) {
                kept.add(entry);
            }
        }
        kept.sort(Map.Entry.<UploadId, Long>comparingByValue(Comparator.reverseOrder()));
        Map<UploadId, Long> bounded = new LinkedHashMap<>();
        int chars = FORMAT.length();
        for (Map.Entry<UploadId, Long> entry : kept) {
            chars += entryText(entry.getKey(), entry.getValue()).length() + 1;
            if (chars > MAX_METADATA_CHARS) {
                break;
            }
            bounded.put(entry.getKey(), entry.getValue());
        }
        return new ReplayCheckpoint(offset, bounded);
    }

    /** The checkpoint committed as {@code offset} with {@code metadata}; unreadable metadata means no entries. */
    static ReplayCheckpoint decode(long offset, String metadata) {
        if (metadata == null || !metadata.startsWith(FORMAT)) {
            return new ReplayCheckpoint(offset, Map.of());
        }
        Map<UploadId, Long> finished = new LinkedHashMap<>();
        String body = metadata.substring(FORMAT.length());
        if (!body.isEmpty()) {
            for (String item : body.split(",", -1)) {
                int at = item.lastIndexOf('@');
                if (at <= 0) {
                    return new ReplayCheckpoint(offset, Map.of());
                }
                try {
                    finished.put(new UploadId(item.substring(0, at)), Long.parseLong(item.substring(at + 1)));
                } catch (IllegalArgumentException e) {
                    // NumberFormatException included: not our format after all, so trust none of it
                    return new ReplayCheckpoint(offset, Map.of());
                }
            }
        }
        return new ReplayCheckpoint(offset, finished);
    }

    /** The offset metadata string: upload ids are [A-Za-z0-9_-], so '@' and ',' cannot occur in them. */
    String encode() {
        var text = new StringBuilder(FORMAT);
        boolean first = true;
        for (Map.Entry<UploadId, Long> entry : finished.entrySet()) {
            if (!first) {
                text.append(',');
            }
            text.append(entryText(entry.getKey(), entry.getValue()));
            first = false;
        }
        return text.toString();
    }

    private static String entryText(UploadId uploadId, long firstOffset) {
        return uploadId.value() + "@" + firstOffset;
    }
}
