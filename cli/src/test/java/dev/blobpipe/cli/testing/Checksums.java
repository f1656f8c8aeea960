package dev.blobpipe.cli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The digests and checksums S3 exposes (ETag MD5, x-amz-checksum-*), computed independently of the server. */
public final class Checksums {
    private Checksums() {
    }

    public static String sha256Hex(byte[] data) {
        return hex(digest("SHA-256").digest(data));
    }

    /** Hex SHA-256 of a stream read to its end through a DigestInputStream, 1 MiB at a time; closes the stream. */
    public static String sha256Hex(InputStream in) throws IOException {
        try (DigestInputStream digesting = new DigestInputStream(in, digest("SHA-256"))) {
            byte[] buffer = new byte[1 << 20];
            while (digesting.read(buffer) != -1) {
                // the digest sees every byte read; the buffer is only reused
            }
            return hex(digesting.getMessageDigest().digest());
        }
    }

    public static String md5Hex(byte[] data) {
        return hex(digest("MD5").digest(data));
    }

    public static String md5Base64(byte[] data) {
        return Base64.getEncoder().encodeToString(digest("MD5").digest(data));
    }

    /** The quoted hex MD5 S3 returns as the ETag of a single-part object. */
    public static String etag(byte[] data) {
        return "\"" + md5Hex(data) + "\"";
    }

    public static String sha256Base64(byte[] data) {
        return Base64.getEncoder().encodeToString(digest("SHA-256").digest(data));
    }

    public static String sha1Base64(byte[] data) {
        return Base64.getEncoder().encodeToString(digest("SHA-1").digest(data));
    }

    public static String crc32Base64(byte[] data) {
        return crcBase64(new CRC32(), data);
    }

    public static String crc32cBase64(byte[] data) {
        return crcBase64(new CRC32C(), data);
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without " + algorithm, e);
        }
    }

    // S3 sends a CRC as its four big-endian bytes in base64
    private static String crcBase64(Checksum crc, byte[] data) {
        crc.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
