package dev.blobpipe.compactor;

import dev.blobpipe.blobstore.BlobInfo;
import dev.blobpipe.blobstore.BlobStore;
import dev.blobpipe.blobstore.pack.PackSegmentScanner;
import dev.blobpipe.blobstore.pack.PackSegmentScanner.ScannedFrame;
import dev.blobpipe.catalog.LiveRange;
import dev.blobpipe.catalog.SegmentCatalog;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.VersionClock;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites one quiet pack segment: copies each frame whose payload range a live version references into the sweep's
 * {@link CompactionOutput} as an identical frame, syncs it, then publishes one {@link ObjectEvent.ObjectMoved} per
 * copied frame. The indexer applies each move by compare-and-set, so an overwrite or delete applied first wins and
 * the copy stays unreferenced. It does not wait for the indexer: the old segment is deleted by a later sweep, once
 * nothing references it and its moves' dead rows are older than the grace period.
 *
 * <p>Left in place: ranges held by parts of open multipart uploads (a completion on its way names their current
 * locations), and frames whose payload fails its CRC32C (logged at ERROR; corrupt bytes are never copied). Both keep
 * the old segment alive. Payloads are verified and copied through one 1 MiB buffer: a payload that fits is verified
 * before its frame is appended; a larger one (the scan already verified it) is verified again as it streams, and a
 * mismatch then leaves a complete but unreferenced frame in the output. Owned by the sweeping thread.
 */
final class SegmentRewriter {
    private static final Logger log = LoggerFactory.getLogger(SegmentRewriter.class);
    static final int BUFFER_BYTES = 1 << 20;

    private final SegmentCatalog catalog;
    private final BlobStore blobs;
    private final MovePublisher publisher;
    private final VersionClock versions;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private String currentSource = "";

    SegmentRewriter(SegmentCatalog catalog, BlobStore blobs, MovePublisher publisher, VersionClock versions) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.versions = Objects.requireNonNull(versions, "versions");
    }

    SegmentRewrite rewrite(BlobInfo segment, CompactionOutput output) throws IOException {
        long startedNanos = System.nanoTime();
        String name = segment.name();
        currentSource = name;
        Map<Long, LiveRange> live = new HashMap<>();
        for (LiveRange range : catalog.liveRanges(name)) {
            // two ranges at one offset cannot both be a frame's payload: keep the pinned or longer one, never move
            live.merge(range.offset(), range, (first, second) -> new LiveRange(first.offset(),
                    Math.max(first.lengthBytes(), second.lengthBytes()), true));
        }
        List<ScannedFrame> toCopy = new ArrayList<>();
        int[] corrupt = {0};
        int[] matched = {0};
        var scan = PackSegmentScanner.scan(blobs, name, scanned -> {
            LiveRange range = live.get(scanned.payloadOffset());
            if (range == null || range.lengthBytes() != scanned.frame().payloadLength()) {
                return; // dead frame (or an unpublished one of an aborted transaction)
            }
            matched[0]++;
            if (range.pinned()) {
                return;
            }
            if (!scanned.payloadIntact()) {
                corrupt[0]++;
                log.error("live frame failed its CRC, left in place segment={} payloadOffset={} length={} bucket={}"
                        + " key={}", name, scanned.payloadOffset(), scanned.frame().payloadLength(),
                        scanned.frame().bucket(), scanned.frame().key());
                return;
            }
            toCopy.add(scanned);
        });
        if (matched[0] < live.size()) {
            // a reference that is no frame's payload (past a torn tail, or not a whole frame): it keeps the segment
            log.warn("live ranges match no frame, segment kept segment={} unmatched={} tornTailBytes={}", name,
                    live.size() - matched[0], scan.tornTailBytes());
        }
        List<ObjectEvent.ObjectMoved> moves = new ArrayList<>(toCopy.size());
        long bytesCopied = copy(name, toCopy, output, moves, corrupt);
        output.sync();
        // only now: every move names bytes that are durable, so an applied move never points at lost bytes
        if (!moves.isEmpty()) {
            publisher.publish(moves);
        }
        var rewrite = new SegmentRewrite(name, segment.sizeBytes(), moves.size(), bytesCopied, corrupt[0],
                Duration.ofNanos(System.nanoTime() - startedNanos));
        log.info("pack segment rewritten segment={} sizeBytes={} framesMoved={} bytesCopied={} corruptFrames={}"
                + " tookMs={}", name, segment.sizeBytes(), rewrite.framesMoved(), bytesCopied, corrupt[0],
                rewrite.took().toMillis());
        return rewrite;
    }

    /** Copies the frames (in segment order) in one sequential read; returns the bytes written. */
    private long copy(String name, List<ScannedFrame> frames, CompactionOutput output,
            List<ObjectEvent.ObjectMoved> moves, int[] corrupt) throws IOException {
        if (frames.isEmpty()) {
            return 0;
        }
        ScannedFrame last = frames.get(frames.size() - 1);
        long first = frames.get(0).payloadOffset();
        long end = last.payloadOffset() + last.frame().payloadLength();
        long written = 0;
        try (InputStream in = blobs.openRead(name, first, end - first)) {
            long position = first;
            for (ScannedFrame scanned : frames) {
                in.skipNBytes(scanned.payloadOffset() - position);
                int length = scanned.frame().payloadLength();
                position = scanned.payloadOffset() + length;
                ByteBuffer header = scanned.frame().header();
                long frameBytes = header.remaining() + (long) length;
                CompactionOutput.PayloadStart start = length <= BUFFER_BYTES
                        ? copyWhole(in, scanned, header, frameBytes, output)
                        : copyStreaming(in, scanned, header, frameBytes, output);
                if (start == null) {
                    corrupt[0]++;
                    continue;
                }
                written += frameBytes;
                moves.add(new ObjectEvent.ObjectMoved(scanned.frame().bucket(), scanned.frame().key(),
                        versions.next(), new ObjectLocation(name, scanned.payloadOffset(), length),
                        new ObjectLocation(start.segmentName(), start.payloadOffset(), length)));
            }
        }
        return written;
    }

    /** Reads the payload whole into the buffer and appends the frame only if it matches its CRC; else null. */
    private CompactionOutput.PayloadStart copyWhole(InputStream in, ScannedFrame scanned, ByteBuffer header,
            long frameBytes, CompactionOutput output) throws IOException {
        int length = scanned.frame().payloadLength();
        readFully(in, buffer, length);
        var crc = new CRC32C();
        crc.update(buffer, 0, length);
        if ((int) crc.getValue() != scanned.frame().payloadCrc32c()) {
            logChanged(output, scanned);
            return null;
        }
        CompactionOutput.PayloadStart start = output.beginFrame(header, frameBytes);
        output.appendPayload(ByteBuffer.wrap(buffer, 0, length));
        return start;
    }

    /** Streams a payload larger than the buffer, checking its CRC on the way; null (frame unreferenced) on mismatch. */
    private CompactionOutput.PayloadStart copyStreaming(InputStream in, ScannedFrame scanned, ByteBuffer header,
            long frameBytes, CompactionOutput output) throws IOException {
        CompactionOutput.PayloadStart start = output.beginFrame(header, frameBytes);
        var crc = new CRC32C();
        long remaining = scanned.frame().payloadLength();
        while (remaining > 0) {
            int piece = (int) Math.min(buffer.length, remaining);
            readFully(in, buffer, piece);
            crc.update(buffer, 0, piece);
            output.appendPayload(ByteBuffer.wrap(buffer, 0, piece));
            remaining -= piece;
        }
        if ((int) crc.getValue() != scanned.frame().payloadCrc32c()) {
            logChanged(output, scanned);
            return null;
        }
        return start;
    }

    private void logChanged(CompactionOutput output, ScannedFrame scanned) {
        log.error("live frame failed its CRC on the copying read, left in place segment={} payloadOffset={} length={}"
                + " bucket={} key={}", currentSource, scanned.payloadOffset(), scanned.frame().payloadLength(), scanned.frame().bucket(),
                scanned.frame().key());
    }

    private static void readFully(InputStream in, byte[] into, int length) throws IOException {
        int read = 0;
        while (read < length) {
            int count = in.read(into, read, length - read);
            if (count < 0) {
                throw new EOFException("segment ended inside a frame it had when scanned");
            }
            read += count;
        }
    }
}
