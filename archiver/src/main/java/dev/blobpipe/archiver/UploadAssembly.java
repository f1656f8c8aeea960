package dev.blobpipe.archiver;

import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.blobstore.BlobStore;
import dev.blobpipe.blobstore.StagingBlob;
import dev.blobpipe.schemas.Crc32c;
import dev.blobpipe.schemas.Hex;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.UploadRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * One upload being assembled: where its bytes are so far, next expected sequence number, bytes so far and running MD5
 * and SHA-256. Nothing of the body is held here beyond one chunk: an upload whose first chunk is within the pack
 * threshold (and fits the instance's {@link HeldBytes} cap) keeps that chunk in memory, since it will most likely
 * be its only one and go into a pack segment at the commit; any further chunk first moves it to a staging blob, where
 * larger uploads are written from the start.
 *
 * <p>Owned by one poll loop thread. {@link #firstOffset()} is where the upload's seq-0 chunk sits on its partition:
 * the consumed offset committed for that partition never passes it while the upload is open, so a crash replays the
 * upload from its beginning.
 */
final class UploadAssembly implements AutoCloseable {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final BlobStore store;
    private final UploadId uploadId;
    private final TopicPartition partition;
    private final HeldBytes heldBudget;
    private final long packThresholdBytes;
    private StagingBlob staging; // null until the bytes go to a staging blob
    private ByteBuffer held; // the first chunk, while it is kept in memory
    private long firstOffset;
    private long nextSeq;
    private long sizeBytes;
    private MessageDigest md5;
    private MessageDigest sha256;
    private Instant lastActivity;

    private UploadAssembly(BlobStore store, UploadId uploadId, TopicPartition partition, HeldBytes heldBudget,
            long packThresholdBytes) {
        this.store = store;
        this.uploadId = uploadId;
        this.partition = partition;
        this.heldBudget = heldBudget;
        this.packThresholdBytes = packThresholdBytes;
    }

    /**
     * Starts assembling an upload from seq 0. Small uploads may never touch the blob store; a staging blob is opened
     * (or reopened and emptied, after a crash) when the bytes need one.
     */
    static UploadAssembly open(BlobStore store, UploadId uploadId, TopicPartition partition, long firstOffset,
            Instant now, HeldBytes heldBudget, long packThresholdBytes) throws IOException {
        Objects.requireNonNull(uploadId, "uploadId");
        var assembly = new UploadAssembly(Objects.requireNonNull(store, "store"), uploadId, partition,
                Objects.requireNonNull(heldBudget, "heldBudget"), packThresholdBytes);
        assembly.restart(firstOffset, now);
        return assembly;
    }

    /**
     * Starts over from seq 0: a replay from an earlier offset (or a staging file left by a crashed predecessor) must
     * not keep bytes or digest state from before.
     */
    void restart(long firstOffset, Instant now) throws IOException {
        releaseHeld();
        if (staging != null) {
            staging.truncate(0);
        }
        this.firstOffset = firstOffset;
        this.nextSeq = 0;
        this.sizeBytes = 0;
        this.md5 = digest("MD5");
        this.sha256 = digest("SHA-256");
        this.lastActivity = now;
    }

    /** Writes the chunk if it is the next one and intact; otherwise returns why the upload must be rejected. */
    Optional<String> append(UploadRecord.Chunk chunk, Instant now) throws IOException {
        lastActivity = now;
        if (chunk.seq() != nextSeq) {
            return Optional.of("chunk seq " + chunk.seq() + " where " + nextSeq + " was expected");
        }
        if (chunk.offset() != sizeBytes) {
            return Optional.of("chunk " + chunk.seq() + " at byte " + chunk.offset() + " where " + sizeBytes
                    + " was expected");
        }
        ByteBuffer data = chunk.data();
        int crc = Crc32c.of(data);
        if (crc != chunk.crc32c()) {
            return Optional.of("chunk " + chunk.seq() + " CRC32C " + Integer.toHexString(crc) + " where header says "
                    + Integer.toHexString(chunk.crc32c()));
        }
        if (staging == null && held == null && sizeBytes == 0 && data.remaining() <= packThresholdBytes
                && heldBudget.tryReserve(data.remaining())) {
            held = data.asReadOnlyBuffer();
        } else {
            ensureStaging().write(chunk.offset(), data);
        }
        md5.update(data.duplicate());
        sha256.update(data.duplicate());
        sizeBytes += data.remaining();
        nextSeq++;
        return Optional.empty();
    }

    /**
     * Compares the assembled bytes with the manifest; returns the first mismatch. Consumes the running digests, so it
     * is called once, at the commit.
     */
    Optional<String> verify(ObjectManifest manifest) {
        if (sizeBytes != manifest.sizeBytes()) {
            return Optional.of("size " + sizeBytes + " where manifest says " + manifest.sizeBytes());
        }
        if (nextSeq != manifest.chunkCount()) {
            return Optional.of("chunk count " + nextSeq + " where manifest says " + manifest.chunkCount());
        }
        String md5Hex = Hex.of(md5.digest());
        if (!md5Hex.equals(manifest.md5Hex())) {
            return Optional.of("MD5 " + md5Hex + " where manifest says " + manifest.md5Hex());
        }
        String sha256Hex = Hex.of(sha256.digest());
        if (!sha256Hex.equals(manifest.sha256Hex())) {
            return Optional.of("SHA-256 " + sha256Hex + " where manifest says " + manifest.sha256Hex());
        }
        return Optional.empty();
    }

    /** True if the verified upload goes into a pack segment: all its bytes are in memory and within the threshold. */
    boolean isPackable() {
        return packThresholdBytes > 0 && staging == null && sizeBytes <= packThresholdBytes;
    }

    /** Appends the assembled bytes to the packer's segment; durable once the packer syncs, before the commit. */
    ObjectLocation pack(SegmentPacker packer, ObjectManifest manifest) throws IOException {
        if (!isPackable()) {
            throw new IllegalStateException("upload " + uploadId + " is not packable");
        }
        ObjectLocation location = packer.pack(manifest, held == null ? EMPTY : held);
        releaseHeld();
        return location;
    }

    /**
     * Makes the assembled bytes durable and visible under the upload's deterministic object name; a replay publishes
     * the same bytes under the same name.
     */
    ObjectLocation publish() throws IOException {
        StagingBlob blob = ensureStaging();
        blob.sync();
        blob.close();
        String objectName = BlobNames.object(uploadId.value());
        store.publish(blob.name(), objectName);
        return ObjectLocation.wholeBlob(objectName, sizeBytes);
    }

    /**
     * Drops the upload's bytes: it was rejected, aborted or timed out. Deletes the staging blob by name even if this
     * assembly never opened it, since a crashed predecessor may have left one.
     */
    void discard() throws IOException {
        releaseHeld();
        if (staging != null) {
            staging.close();
        }
        store.delete(BlobNames.staging(uploadId.value()));
    }

    UploadId uploadId() {
        return uploadId;
    }

    TopicPartition partition() {
        return partition;
    }

    long firstOffset() {
        return firstOffset;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    Instant lastActivity() {
        return lastActivity;
    }

    /** Closes the staging blob and keeps it: its upload will be replayed, here or by the partition's new owner. */
    @Override
    public void close() throws IOException {
        releaseHeld();
        if (staging != null) {
            staging.close();
        }
    }

    /** The staging blob, opened (and emptied of a predecessor's bytes) on first use, holding any held chunk. */
    private StagingBlob ensureStaging() throws IOException {
        if (staging == null) {
            StagingBlob opened = store.openStaging(BlobNames.staging(uploadId.value()));
            try {
                opened.truncate(0);
                if (held != null) {
                    opened.write(0, held);
                }
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
            staging = opened;
            releaseHeld();
        }
        return staging;
    }

    private void releaseHeld() {
        if (held != null) {
            heldBudget.release(held.remaining());
            held = null;
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }
}
