package dev.blobpipe.archiver.testing;

import dev.blobpipe.schemas.Crc32c;
import dev.blobpipe.schemas.Hex;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.UploadRecord;
import dev.blobpipe.schemas.VersionId;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** An upload as ingest-api would send it: chunks of pseudo-random bytes, their manifest, and ways to spoil them. */
public record TestUpload(UploadId uploadId, List<UploadRecord.Chunk> chunks, ObjectManifest manifest) {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** An upload of chunks with the given sizes, filled from {@code seed}. */
    public static TestUpload of(String bucket, String key, long seed, int... chunkSizes) {
        var uploadId = UploadId.random();
        var random = new Random(seed);
        MessageDigest md5 = digest("MD5");
        MessageDigest sha256 = digest("SHA-256");
        List<UploadRecord.Chunk> chunks = new ArrayList<>();
        long offset = 0;
        for (int seq = 0; seq < chunkSizes.length; seq++) {
            byte[] data = new byte[chunkSizes[seq]];
            random.nextBytes(data);
            md5.update(data);
            sha256.update(data);
            chunks.add(new UploadRecord.Chunk(uploadId, seq, offset, Crc32c.of(data, 0, data.length),
                    ByteBuffer.wrap(data)));
            offset += data.length;
        }
        // unique across tests in this JVM; the archiver only copies it into the event
        var version = new VersionId(System.currentTimeMillis(), COUNTER.incrementAndGet() & 0xFFFF, 7);
        var manifest = new ObjectManifest(bucket, key, version, offset, chunks.size(), Hex.of(md5.digest()),
                Hex.of(sha256.digest()), Instant.parse("2026-11-26T00:00:00Z"), ObjectMetadata.EMPTY);
        return new TestUpload(uploadId, List.copyOf(chunks), manifest);
    }

    /** Every byte of the upload, in order (test uploads are small). */
    public byte[] bytes() {
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(manifest.sizeBytes()));
        chunks.forEach(chunk -> all.put(chunk.data().duplicate()));
        return all.array();
    }

    public UploadRecord.Chunk chunk(int seq) {
        return chunks.get(seq);
    }

    public UploadRecord.Commit commit() {
        return new UploadRecord.Commit(uploadId, manifest);
    }

    /** The whole upload as one record, as ingest-api sends a body within one chunk. */
    public UploadRecord.CompleteUpload complete() {
        if (chunks.size() != 1) {
            throw new IllegalStateException("a complete upload has exactly one chunk, this one has " + chunks.size());
        }
        UploadRecord.Chunk only = chunks.get(0);
        return new UploadRecord.CompleteUpload(uploadId, only.crc32c(), only.data(), manifest);
    }

    /** {@link #complete()} with its CRC32C off by one bit, as if the payload were corrupted on the way. */
    public UploadRecord.CompleteUpload corruptedComplete() {
        UploadRecord.CompleteUpload complete = complete();
        return new UploadRecord.CompleteUpload(uploadId, complete.crc32c() ^ 1, complete.data(), manifest);
    }

    /** {@link #complete()} with a manifest whose SHA-256 does not match the bytes. */
    public UploadRecord.CompleteUpload completeWithWrongSha256() {
        UploadRecord.CompleteUpload complete = complete();
        return new UploadRecord.CompleteUpload(uploadId, complete.crc32c(), complete.data(),
                commitWithWrongSha256().manifest());
    }

    public UploadRecord.Abort abort() {
        return new UploadRecord.Abort(uploadId, "client went away");
    }

    /** Chunk {@code seq} with its header CRC32C off by one bit, as if the payload were corrupted on the way. */
    public UploadRecord.Chunk corruptedChunk(int seq) {
        UploadRecord.Chunk chunk = chunks.get(seq);
        return new UploadRecord.Chunk(uploadId, chunk.seq(), chunk.offset(), chunk.crc32c() ^ 1, chunk.data());
    }

    /** The commit with a manifest whose SHA-256 does not match the bytes. */
    public UploadRecord.Commit commitWithWrongSha256() {
        String wrong = (manifest.sha256Hex().charAt(0) == '0' ? "1" : "0") + manifest.sha256Hex().substring(1);
        var spoiled = new ObjectManifest(manifest.bucket(), manifest.key(), manifest.versionId(), manifest.sizeBytes(),
                manifest.chunkCount(), manifest.md5Hex(), wrong, manifest.lastModified(), manifest.metadata());
        return new UploadRecord.Commit(uploadId, spoiled);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
