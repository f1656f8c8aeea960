package dev.blobpipe.ingest.upload;

import dev.blobpipe.schemas.Hex;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * The running digests of one upload body: MD5 (the ETag), SHA-256 (the manifest) and, if the client asked for one,
 * its additional checksum. Fed chunk by chunk while reading, so no body is ever held whole. Not thread-safe: owned by
 * the request thread.
 */
public final class BodyDigests {
    private final MessageDigest md5 = ChecksumAlgorithm.messageDigest("MD5");
    private final MessageDigest sha256 = ChecksumAlgorithm.messageDigest("SHA-256");
    private final ChecksumAlgorithm algorithm;
    private final ChecksumAlgorithm.Running additional;
    private long sizeBytes;
    private byte[] md5Bytes;
    private byte[] sha256Bytes;
    private byte[] checksumBytes;

    /** {@code algorithm} may be null: no additional checksum. */
    public BodyDigests(ChecksumAlgorithm algorithm) {
        this.algorithm = algorithm;
        this.additional = algorithm == null ? null : algorithm.start();
    }

    public void update(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        requireOpen();
        md5.update(bytes, offset, length);
        sha256.update(bytes, offset, length);
        if (additional != null) {
            additional.update(bytes, offset, length);
        }
        sizeBytes += length;
    }

    /** Ends the body; the accessors below work only after this. */
    public void finish() {
        requireOpen();
        md5Bytes = md5.digest();
        sha256Bytes = sha256.digest();
        checksumBytes = additional == null ? null : additional.finish();
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public String md5Hex() {
        return Hex.of(requireFinished(md5Bytes));
    }

    public String sha256Hex() {
        return Hex.of(requireFinished(sha256Bytes));
    }

    public boolean md5Matches(byte[] expected) {
        return MessageDigest.isEqual(requireFinished(md5Bytes), expected);
    }

    /** The additional checksum's algorithm, or null if none was asked for. */
    public ChecksumAlgorithm algorithm() {
        return algorithm;
    }

    /** The additional checksum as S3 shows it (base64 of the big-endian digest), or null if none was asked for. */
    public String checksumBase64() {
        requireFinished(md5Bytes);
        return checksumBytes == null ? null : Base64.getEncoder().encodeToString(checksumBytes);
    }

    public boolean checksumMatches(byte[] expected) {
        requireFinished(md5Bytes);
        return checksumBytes != null && MessageDigest.isEqual(checksumBytes, expected);
    }

    private void requireOpen() {
        if (md5Bytes != null) {
            throw new IllegalStateException("digests already finished");
        }
    }

    private static byte[] requireFinished(byte[] value) {
        if (value == null) {
            throw new IllegalStateException("digests not finished yet");
        }
        return value;
    }
}
