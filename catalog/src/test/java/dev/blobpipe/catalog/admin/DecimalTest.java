package dev.blobpipe.catalog.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalTest {
    @Test
    void writesTheDigitsLongToStringWrites() {
        long[] values = {0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 1_000_003, 999_999_999_999_999_999L,
            1_000_000_000_000_000_000L, Long.MAX_VALUE, -1, -10, -100, Long.MIN_VALUE + 1, Long.MIN_VALUE};
        for (long value : values) {
            assertThat(written(value)).as("%d", value).isEqualTo(Long.toString(value));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int index = 0; index < 10_000; index++) {
            long value = random.nextLong() >> random.nextInt(64);
            assertThat(written(value)).as("%d", value).isEqualTo(Long.toString(value));
        }
    }

    @Test
    void writesAtTheOffsetAndLeavesTheRestAlone() {
        byte[] into = "xxxxxxxxxx".getBytes(StandardCharsets.US_ASCII);
        int end = Decimal.write(4207, into, 3);
        assertThat(end).isEqualTo(7);
        assertThat(new String(into, StandardCharsets.US_ASCII)).isEqualTo("xxx4207xxx");
    }

    private static String written(long value) {
        byte[] into = new byte[5 + Decimal.MAX_DIGITS];
        int end = Decimal.write(value, into, 5);
        return new String(into, 5, end - 5, StandardCharsets.US_ASCII);
    }
}
