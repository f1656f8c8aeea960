package dev.blobpipe.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The check of one GET's body against its object's pattern, fed in pieces as they arrive and finished at the end.
 * Each piece is compared against the expected bytes generated into a scratch buffer the caller lends for that call
 * only (nothing in it carries over), so a client can keep one per thread even when a body's pieces arrive on
 * different threads. Not thread-safe: one body, fed in order.
 */
final class PatternCheck {
    private final BenchObject object;
    private final PatternBody pattern;
    private long position;

    PatternCheck(BenchObject object) {
        this.object = object;
        this.pattern = object.body();
    }

    /** Checks the next {@code count} bytes of the body; throws IllegalStateException at the first that differ. */
    void accept(byte[] got, int offset, int count, byte[] scratch) {
        int done = 0;
        while (done < count) {
            int step = Math.min(count - done, scratch.length);
            if (position + step > object.sizeBytes() || pattern.read(scratch, 0, step) != step
                    || !Arrays.equals(got, offset + done, offset + done + step, scratch, 0, step)) {
                throw different();
            }
            position += step;
            done += step;
        }
    }

    /** Checks the buffer's remaining bytes and consumes them. */
    void accept(ByteBuffer got, byte[] scratch) {
        if (got.hasArray()) {
            accept(got.array(), got.arrayOffset() + got.position(), got.remaining(), scratch);
            got.position(got.limit());
            return;
        }
        while (got.hasRemaining()) { // a direct buffer: compare in place rather than copy
            int step = Math.min(got.remaining(), scratch.length);
            if (position + step > object.sizeBytes() || pattern.read(scratch, 0, step) != step
                    || got.slice().limit(step).compareTo(ByteBuffer.wrap(scratch, 0, step)) != 0) {
                throw different();
            }
            got.position(got.position() + step);
            position += step;
        }
    }

    /** Fails unless the body had exactly the object's size (every byte fed was already checked). */
    void finish() {
        if (position != object.sizeBytes()) {
            throw new IllegalStateException(object.key() + " came back with " + position + " of "
                    + object.sizeBytes() + " bytes");
        }
    }

    private IllegalStateException different() {
        return new IllegalStateException(object.key() + " came back different near byte " + position);
    }
}
