package dev.blobpipe.compactor;

import dev.blobpipe.blobstore.AppendableBlob;
import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.blobstore.BlobStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pack segments one sweep writes: {@code segments/compactor-<node>-<random>-<n>}, a fresh random part per sweep,
 * each created exclusively, so a compactor never appends to a segment a crashed predecessor left (maybe with a torn
 * tail), and sealed once it reaches {@code compactor.segment.bytes}. Frames are appended whole (header, then payload
 * in pieces); nothing is durable before {@link #sync()}. Owned by the sweeping thread.
 */
final class CompactionOutput implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CompactionOutput.class);

    private final BlobStore blobs;
    private final String namePrefix;
    private final long segmentBytes;
    private int nextSegment;
    private AppendableBlob current;
    private boolean unsynced;

    CompactionOutput(BlobStore blobs, int nodeId, long segmentBytes) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.namePrefix = "compactor-" + nodeId + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        this.segmentBytes = segmentBytes;
    }

    /**
     * Starts a frame of {@code frameBytes} with its header (sealing the current segment first if the frame would
     * overflow it); returns the segment and offset where its payload starts. The payload must follow through
     * {@link #appendPayload} before the next frame.
     */
    PayloadStart beginFrame(ByteBuffer header, long frameBytes) throws IOException {
        if (current != null && current.sizeBytes() > 0 && current.sizeBytes() + frameBytes > segmentBytes) {
            seal();
        }
        if (current == null) {
            current = blobs.createAppendable(BlobNames.segment(namePrefix + nextSegment++));
        }
        int headerBytes = header.remaining();
        long start = current.append(header);
        unsynced = true;
        return new PayloadStart(current.name(), start + headerBytes);
    }

    void appendPayload(ByteBuffer piece) throws IOException {
        if (current == null) {
            throw new IllegalStateException("no frame begun");
        }
        current.append(piece);
    }

    /** Makes every frame appended so far durable (sealed segments were synced when sealed). */
    void sync() throws IOException {
        if (unsynced && current != null) {
            current.sync();
        }
        unsynced = false;
    }

    private void seal() throws IOException {
        current.sync();
        log.debug("compacted segment sealed segment={} bytes={}", current.name(), current.sizeBytes());
        current.close();
        current = null;
    }

    /** Closes the current segment without syncing: frames not synced were never published. */
    @Override
    public void close() throws IOException {
        if (current != null) {
            AppendableBlob closing = current;
            current = null;
            closing.close();
        }
    }

    /** Where a begun frame's payload starts. */
    record PayloadStart(String segmentName, long payloadOffset) {
    }
}
