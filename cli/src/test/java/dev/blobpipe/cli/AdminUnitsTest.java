package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdminUnitsTest {
    @Test
    void sizesParseBinaryAndDecimalUnits() {
        assertThat(ByteSize.parse("4096")).isEqualTo(4096);
        assertThat(ByteSize.parse("1GiB")).isEqualTo(1L << 30);
        assertThat(ByteSize.parse("1g")).isEqualTo(1L << 30);
        assertThat(ByteSize.parse("500MB")).isEqualTo(500_000_000);
        assertThat(ByteSize.parse("1.5 KiB")).isEqualTo(1536);
        assertThat(ByteSize.parse("10b")).isEqualTo(10);
    }

    @Test
    void rejectsSizesThatAreNotWholeBytesOrNotSizes() {
        assertThatThrownBy(() -> ByteSize.parse("1.1B")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteSize.parse("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteSize.parse("9EiB")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteSize.parse("lots")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizesFormatInBinaryUnitsWithOneDecimal() {
        assertThat(ByteSize.format(0)).isEqualTo("0 B");
        assertThat(ByteSize.format(1023)).isEqualTo("1023 B");
        assertThat(ByteSize.format(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSize.format(5L << 40)).isEqualTo("5.0 TiB");
        assertThat(ByteSize.format(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    }

    @Test
    void agesParseShortFormsAndIso() {
        assertThat(Age.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Age.parse("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(Age.parse("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Age.parse("PT90M")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> Age.parse("30x")).isInstanceOf(IllegalArgumentException.class);
    }
}
