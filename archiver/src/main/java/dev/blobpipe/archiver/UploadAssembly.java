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
 * One upload being assembled: its open staging blob, next expected sequence number, bytes so far and running MD5 and
 * SHA-256. Chunk payloads go straight to the staging blob; nothing of the body is held here.
 *
 * <p>Owned by one poll loop thread. {@link #firstOffset()} is where the upload's seq-0 chunk sits on its partition:
 * the consumed offset committed for that partition never passes it while the upload is open, so a crash replays the
 * upload from its beginning.
 */
final class UploadAssembly implements AutoCloseable {
    private final UploadId uploadId;
    private final TopicPartition partition;
    private final StagingBlob staging;
    private long firstOffset;
    private long nextSeq;
    private long sizeBytes;
    private MessageDigest md5;
    private MessageDigest sha256;
    private Instant lastActivity;

    private UploadAssembly(UploadId uploadId, TopicPartition partition, StagingBlob staging) {
        this.uploadId = uploadId;
        this.partition = partition;
        this.staging = staging;
    }

    /** Opens (or reopens, after a crash) the upload's staging blob, emptied, to assemble it from seq 0. */
    static UploadAssembly open(BlobStore store, UploadId uploadId, TopicPartition partition, long firstOffset,
            Instant now) throws IOException {
        Objects.requireNonNull(uploadId, "uploadId");
        StagingBlob staging = store.openStaging(BlobNames.staging(uploadId.value()));
        var assembly = new UploadAssembly(uploadId, partition, staging);
        try {
            assembly.restart(firstOffset, now);
        } catch (IOException | RuntimeException e) {
            staging.close();
            throw e;
        }
        return assembly;
    }

    /**
     * Starts over from seq 0: a replay from an earlier offset (or a staging file left by a crashed predecessor) must
     * not keep bytes or digest state from before.
     */
    void restart(long firstOffset, Instant now) throws IOException {
        staging.truncate(0);
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
        staging.write(chunk.offset(), data);
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

    /**
     * Makes the assembled bytes durable and visible under the upload's deterministic object name; a replay publishes
     * the same bytes under the same name.
     */
    ObjectLocation publish(BlobStore store) throws IOException {
        staging.sync();
        staging.close();
        String objectName = BlobNames.object(uploadId.value());
        store.publish(staging.name(), objectName);
        return ObjectLocation.wholeBlob(objectName, sizeBytes);
    }

    /** Closes and deletes the staging blob: the upload was rejected, aborted or timed out. */
    void discard(BlobStore store) throws IOException {
        staging.close();
        store.delete(staging.name());
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
        staging.close();
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }
}
