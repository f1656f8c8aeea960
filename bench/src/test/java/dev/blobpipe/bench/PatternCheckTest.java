package dev.blobpipe.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The light client's check of a GET body that arrives in buffers of any size, on heap or off. */
class PatternCheckTest {
    private final BenchObject object = BenchObject.of("small", 10_000, 3);

    @Test
    void acceptsTheObjectInPiecesSmallerAndLargerThanTheScratchBuffer() {
        var check = new PatternCheck(object);
        byte[] scratch = new byte[1000];

        for (ByteBuffer piece : pieces(bytes(object), false)) {
            check.accept(piece, scratch);
        }

        assertThatCode(check::finish).doesNotThrowAnyException();
    }

    @Test
    void acceptsTheObjectInDirectBuffers() {
        var check = new PatternCheck(object);
        byte[] scratch = new byte[1000];

        for (ByteBuffer piece : pieces(bytes(object), true)) {
            check.accept(piece, scratch);
        }

        assertThatCode(check::finish).doesNotThrowAnyException();
    }

    @Test
    void rejectsOneChangedByteInADirectBuffer() {
        var check = new PatternCheck(object);
        byte[] body = bytes(object);
        body[7_777] ^= 1;

        assertThatThrownBy(() -> {
            for (ByteBuffer piece : pieces(body, true)) {
                check.accept(piece, new byte[1000]);
            }
        }).hasMessageContaining("came back different near byte 7000");
    }

    @Test
    void finishRejectsABodyThatEndedEarly() {
        var check = new PatternCheck(object);
        check.accept(ByteBuffer.wrap(bytes(object), 0, 9_999), new byte[64]);

        assertThatThrownBy(check::finish).hasMessageContaining("9999 of 10000");
    }

    private static byte[] bytes(BenchObject object) {
        byte[] body = new byte[(int) object.sizeBytes()];
        object.body().read(body, 0, body.length);
        return body;
    }

    /** The body cut at 1, 1,500 and 7,000: one piece under, one over and one at the scratch size of the tests. */
    private static ByteBuffer[] pieces(byte[] body, boolean direct) {
        int[] cuts = {0, 1, 1_500, 7_000, body.length};
        var pieces = new ByteBuffer[cuts.length - 1];
        for (int i = 0; i < pieces.length; i++) {
            int length = cuts[i + 1] - cuts[i];
            ByteBuffer piece = direct ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length + 4);
            if (!direct) {
                piece.position(2); // an array offset, as in a slice of a larger buffer
                piece = piece.slice();
                piece.limit(length);
            }
            piece.put(body, cuts[i], length).flip();
            pieces[i] = piece;
        }
        return pieces;
    }
}
