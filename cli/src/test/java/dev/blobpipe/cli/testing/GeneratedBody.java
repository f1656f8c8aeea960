package dev.blobpipe.cli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A deterministic pseudo-random body of any size, generated on the fly: tests upload hundreds of MiB without holding
 * them, and compute the expected SHA-256 the same way.
 */
public final class GeneratedBody extends InputStream {
    private final long sizeBytes;
    private long position;
    private long state;

    public GeneratedBody(long seed, long sizeBytes) {
        this.sizeBytes = sizeBytes;
        this.state = seed * 0x9E3779B97F4A7C15L + 1;
    }

    @Override
    public int read() {
        if (position >= sizeBytes) {
            return -1;
        }
        return next() & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= sizeBytes) {
            return -1;
        }
        int count = (int) Math.min(length, sizeBytes - position);
        for (int i = 0; i < count; i++) {
            buffer[offset + i] = (byte) next();
        }
        return count;
    }

    private int next() {
        position++;
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        return (int) (state >>> 24);
    }

    /** Hex SHA-256 of the body {@code new GeneratedBody(seed, sizeBytes)} produces. */
    public static String sha256(long seed, long sizeBytes) {
        try {
            return sha256Of(new GeneratedBody(seed, sizeBytes));
        } catch (IOException e) {
            throw new IllegalStateException("a generated body cannot fail", e);
        }
    }

    /** Hex SHA-256 of a stream, read through a fixed buffer. */
    public static String sha256Of(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[64 << 10];
        int count;
        while ((count = in.read(buffer)) > 0) {
            digest.update(buffer, 0, count);
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }
}
