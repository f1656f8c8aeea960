package dev.blobpipe.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * An object of the comparison: its key says its size ({@code group/sizeBytes/index}) and its bytes are a pattern
 * seeded by the key, so any party that sees only the key can produce them. That is what lets the null server answer a
 * GET with the right bytes, and lets one check verify what every server returns.
 */
record BenchObject(String key, long sizeBytes) {
    private static final int BUFFER_BYTES = 64 << 10;

    BenchObject {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("negative size " + sizeBytes);
        }
    }

    static BenchObject of(String group, long sizeBytes, long index) {
        return new BenchObject(group + "/" + sizeBytes + "/" + index, sizeBytes);
    }

    /** The object a key names, or null when the key does not follow {@code group/sizeBytes/index}. */
    static BenchObject parse(String key) {
        String[] parts = key.split("/");
        if (parts.length != 3 || parts[1].isEmpty() || !parts[1].chars().allMatch(Character::isDigit)) {
            return null;
        }
        return new BenchObject(key, Long.parseLong(parts[1]));
    }

    PatternBody body() {
        return new PatternBody(seed(), sizeBytes);
    }

    InputStream slice(long from, long length) {
        return PatternBody.slice(seed(), from, length);
    }

    /** Reads {@code in} to its end and fails unless it held exactly this object's bytes. */
    void verify(InputStream in) throws IOException {
        byte[] got = new byte[BUFFER_BYTES];
        byte[] expected = new byte[BUFFER_BYTES];
        var check = new PatternCheck(this);
        int count;
        while ((count = in.readNBytes(got, 0, got.length)) > 0) {
            check.accept(got, 0, count, expected);
        }
        check.finish();
    }

    /** FNV-1a of the key: 64 bits, the same in every JVM. */
    private long seed() {
        long hash = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xFF)) * 0x100000001b3L;
        }
        return hash;
    }
}
