package dev.blobpipe.bench;

import java.io.InputStream;

/** A deterministic body of any size generated on the fly (cheap: the client's CPU belongs to the measurement). */
final class PatternBody extends InputStream {
    private final long sizeBytes;
    private final long seed;
    private long position;

    PatternBody(long seed, long sizeBytes) {
        this(seed, 0, sizeBytes);
    }

    private PatternBody(long seed, long from, long end) {
        this.seed = seed;
        this.sizeBytes = end;
        this.position = from;
    }

    /** Bytes {@code from} to {@code from + length} of {@code new PatternBody(seed, ...)}: any slice, any order. */
    static PatternBody slice(long seed, long from, long length) {
        return new PatternBody(seed, from, from + length);
    }

    @Override
    public int read() {
        return position < sizeBytes ? byteAt(position++) : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= sizeBytes) {
            return -1;
        }
        int count = (int) Math.min(length, sizeBytes - position);
        int filled = 0;
        while (filled < count) {
            // one multiplication per 8 bytes: the benchmarks generate and check gigabytes with this
            long mixed = mixed(position);
            for (int shift = (int) (position & 7); shift < 8 && filled < count; shift++) {
                buffer[offset + filled++] = (byte) (mixed >>> (8 * shift));
                position++;
            }
        }
        return count;
    }

    private int byteAt(long at) {
        return (int) (mixed(at) >>> (8 * (at & 7))) & 0xFF;
    }

    private long mixed(long at) {
        return (at >>> 3) * 0x9E3779B97F4A7C15L + seed;
    }
}
