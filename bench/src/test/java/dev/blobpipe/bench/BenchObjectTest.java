package dev.blobpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import org.junit.jupiter.api.Test;

/** The check every GET of the comparison goes through, and the key format the null server reads sizes from. */
class BenchObjectTest {
    private final BenchObject object = BenchObject.of("small", 100_000, 7);

    @Test
    void verifyAcceptsTheObjectsOwnBytes() throws Exception {
        object.verify(object.body());
    }

    @Test
    void verifyRejectsAnotherKeysBytesOfTheSameSize() {
        BenchObject other = BenchObject.of("small", 100_000, 8);

        assertThatThrownBy(() -> object.verify(other.body())).hasMessageContaining("came back different");
    }

    @Test
    void verifyRejectsABodyOneByteShortOrLong() {
        assertThatThrownBy(() -> object.verify(object.slice(0, 99_999))).hasMessageContaining("99999 of 100000");
        assertThatThrownBy(() -> object.verify(new SequenceInputStream(object.body(),
                new ByteArrayInputStream(new byte[1])))).hasMessageContaining("came back different");
    }

    @Test
    void keyCarriesTheSizeAndParsesBack() {
        assertThat(BenchObject.parse(object.key())).isEqualTo(object);
        assertThat(BenchObject.parse("k000000001")).isNull();
    }
}
