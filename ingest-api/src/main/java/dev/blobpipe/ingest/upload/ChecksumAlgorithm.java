package dev.blobpipe.ingest.upload;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * Additional checksum algorithms S3 clients send (x-amz-checksum-*). Values are the base64 of the big-endian digest
 * bytes, as S3 computes them (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html).
 * CRC64NVME (the newest SDKs' option) is not supported yet: {@link #fromName} returns empty for it.
 */
public enum ChecksumAlgorithm {
    CRC32(4), CRC32C(4), SHA1(20), SHA256(32);

    private static final String HEADER_PREFIX = "x-amz-checksum-";
    private final int digestLength;

    ChecksumAlgorithm(int digestLength) {
        this.digestLength = digestLength;
    }

    /** The request and response header carrying this checksum, e.g. {@code x-amz-checksum-crc32}. */
    public String headerName() {
        return HEADER_PREFIX + name().toLowerCase(Locale.ROOT);
    }

    /** Length of the raw digest in bytes (the decoded base64 value). */
    public int digestLength() {
        return digestLength;
    }

    /** Accepts {@code CRC32}, {@code crc32c}, {@code SHA-256} or a header name such as {@code x-amz-checksum-sha1}. */
    public static Optional<ChecksumAlgorithm> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        if (normalized.startsWith(HEADER_PREFIX)) {
            normalized = normalized.substring(HEADER_PREFIX.length());
        }
        normalized = normalized.replace("-", "").toUpperCase(Locale.ROOT);
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.name().equals(normalized)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** A fresh running digest of this algorithm; not thread-safe. */
    Running start() {
        switch (this) {
            case CRC32:
                return new RunningChecksum(new CRC32());
            case CRC32C:
                return new RunningChecksum(new CRC32C());
            case SHA1:
                return new RunningDigest(messageDigest("SHA-1"));
            case SHA256:
                return new RunningDigest(messageDigest("SHA-256"));
            default:
                throw new IllegalStateException("no digest for " + this);
        }
    }

    static MessageDigest messageDigest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide MD5, SHA-1 and SHA-256 (MessageDigest's Javadoc)
            throw new IllegalStateException("JVM lacks " + name, e);
        }
    }

    /** A digest being computed over a stream of bytes. */
    interface Running {
        void update(byte[] bytes, int offset, int length);

        /** The big-endian digest bytes; call once, at the end. */
        byte[] finish();
    }

    private static final class RunningChecksum implements Running {
        private final Checksum checksum;

        RunningChecksum(Checksum checksum) {
            this.checksum = checksum;
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            checksum.update(bytes, offset, length);
        }

        @Override
        public byte[] finish() {
            return ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array();
        }
    }

    private static final class RunningDigest implements Running {
        private final MessageDigest digest;

        RunningDigest(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
        }

        @Override
        public byte[] finish() {
            return digest.digest();
        }
    }
}
