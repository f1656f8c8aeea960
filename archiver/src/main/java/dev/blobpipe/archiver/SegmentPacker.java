package dev.blobpipe.archiver;

import dev.blobpipe.blobstore.AppendableBlob;
import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.blobstore.BlobStore;
import dev.blobpipe.blobstore.pack.PackFrame;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends small objects to one poll loop's current pack segment as {@link PackFrame}s and seals the segment once it
 * reaches its size or has been idle for a while. Owned by the loop thread.
 *
 * <p>Durability follows the loop's transactions: {@link #sync()} runs before each transaction commits, so an event
 * never points at bytes that a crash could lose. Frames of a transaction that aborts (or of a crash) stay in the
 * segment unreferenced; the replay appends the objects again. Every packer starts a segment of its own (the name has
 * a random part), so a restarted archiver never appends after a predecessor's torn tail, and a packer whose append or
 * sync failed drops its segment for the same reason.
 */
final class SegmentPacker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SegmentPacker.class);

    private final BlobStore store;
    private final String namePrefix;
    private final long segmentBytes;
    private final Duration idleSeal;
    private final Clock clock;
    private int nextSegment;
    private AppendableBlob current;
    private Instant lastAppend;
    private boolean unsynced;

    /**
     * @param writerId names this loop (instance and loop index), so segment names never collide across loops
     * @param idleSeal a segment not appended to for this long is sealed before the next append, so a segment that
     *     looks quiet to the compactor ({@code compactor.segment.min.age}, much longer) never grows again
     */
    SegmentPacker(BlobStore store, String writerId, long segmentBytes, Duration idleSeal, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.namePrefix = writerId + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        this.segmentBytes = segmentBytes;
        this.idleSeal = Objects.requireNonNull(idleSeal, "idleSeal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Appends the object's frame; returns where its payload is. Durable only after the next {@link #sync()}. */
    ObjectLocation pack(ObjectManifest manifest, ByteBuffer payload) throws IOException {
        PackFrame frame = PackFrame.of(manifest.versionId().toString(), manifest.bucket(), manifest.key(), payload);
        Instant now = clock.instant();
        try {
            if (current != null && (current.sizeBytes() + frame.frameBytes() > segmentBytes
                    || Duration.between(lastAppend, now).compareTo(idleSeal) > 0)) {
                seal();
            }
            if (current == null) {
                current = store.createAppendable(BlobNames.segment(namePrefix + nextSegment++));
            }
            ByteBuffer header = frame.header();
            long start = current.append(header, payload);
            lastAppend = now;
            unsynced = true;
            return new ObjectLocation(current.name(), start + header.remaining(), payload.remaining());
        } catch (IOException | RuntimeException e) {
            abandon();
            throw e;
        }
    }

    /** Makes every frame appended so far durable. */
    void sync() throws IOException {
        if (!unsynced) {
            return;
        }
        try {
            current.sync();
            unsynced = false;
        } catch (IOException | RuntimeException e) {
            abandon();
            throw e;
        }
    }

    private void seal() throws IOException {
        // the sealed segment's frames belong to the open transaction: make them durable before it can commit
        current.sync();
        unsynced = false;
        log.debug("pack segment sealed segment={} bytes={}", current.name(), current.sizeBytes());
        current.close();
        current = null;
    }

    /** Drops the segment after a failed write: a partial frame may end it, and nothing may follow a torn frame. */
    private void abandon() {
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (IOException e) {
            // the segment is no longer written; what was synced stays readable through the store
            log.debug("closing an abandoned segment failed segment={}", current.name(), e);
        }
        current = null;
        unsynced = false;
    }

    /** Closes the segment without syncing: whatever is not synced belongs to a transaction that never committed. */
    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
