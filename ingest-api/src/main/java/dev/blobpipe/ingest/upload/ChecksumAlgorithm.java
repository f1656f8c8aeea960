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
 * The CRCs also combine ({@link #crc()}), which a FULL_OBJECT multipart checksum needs.
 */
public enum ChecksumAlgorithm {
    CRC32(4), CRC32C(4), CRC64NVME(8), SHA1(20), SHA256(32);

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

    /** The CRC's polynomial (to combine CRCs of pieces), or null for SHA1 and SHA256, which do not combine. */
    public CrcPolynomial crc() {
        switch (this) {
            case CRC32:
                return CrcPolynomial.CRC32;
            case CRC32C:
                return CrcPolynomial.CRC32C;
            case CRC64NVME:
                return CrcPolynomial.CRC64NVME;
            default:
                return null;
        }
    }

    /** This algorithm's digest of {@code pieces} one after the other (small inputs: a composite's part checksums). */
    public byte[] digest(Iterable<byte[]> pieces) {
        Running running = start();
        for (byte[] piece : pieces) {
            running.update(piece, 0, piece.length);
        }
        return running.finish();
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
                return new RunningChecksum(new CRC32(), 4);
            case CRC32C:
                return new RunningChecksum(new CRC32C(), 4);
            case CRC64NVME:
                return new RunningChecksum(new Crc64Nvme(), 8);
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
        private final int lengthBytes;

        RunningChecksum(Checksum checksum, int lengthBytes) {
            this.checksum = checksum;
            this.lengthBytes = lengthBytes;
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            checksum.update(bytes, offset, length);
        }

        @Override
        public byte[] finish() {
            ByteBuffer value = ByteBuffer.allocate(lengthBytes);
            return (lengthBytes == 8 ? value.putLong(checksum.getValue()) : value.putInt((int) checksum.getValue()))
                    .array();
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
