package dev.blobpipe.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class VersionIdTest {

    @Test
    void textOrderEqualsCompareToOrder() {
        // given versions that differ in every field, including extremes and same-millis ties
        Random random = new Random(7);
        List<VersionId> versions = new ArrayList<>(List.of(
                VersionId.ZERO,
                new VersionId((1L << 48) - 1, 0xFFFF, 0xFFFF),
                new VersionId(1, 0, 0),
                new VersionId(0, 1, 0),
                new VersionId(0, 0, 1),
                new VersionId(0xF, 0, 0),
                new VersionId(0x10, 0, 0),
                new VersionId(1_700_000_000_000L, 0xFFFF, 0),
                new VersionId(1_700_000_000_001L, 0, 0)));
        for (int i = 0; i < 2_000; i++) {
            long millis = random.nextInt(4) == 0 ? 1_700_000_000_000L : random.nextLong() & ((1L << 48) - 1);
            versions.add(new VersionId(millis, random.nextInt(4) == 0 ? 0 : random.nextInt(0x10000),
                    random.nextInt(0x10000)));
        }

        // when sorted by compareTo and, separately, by text compared as bytes (SQL COLLATE "C")
        List<VersionId> byCompare = versions.stream().sorted().toList();
        List<VersionId> byText = versions.stream()
                .sorted(Comparator.comparing(VersionId::toString, Comparator.naturalOrder()))
                .toList();

        // then the orders are the same
        assertThat(byText).containsExactlyElementsOf(byCompare);
    }

    @Test
    void parseOfToStringRoundTrips() {
        Random random = new Random(11);
        for (int i = 0; i < 1_000; i++) {
            VersionId version = new VersionId(random.nextLong() & ((1L << 48) - 1), random.nextInt(0x10000),
                    random.nextInt(0x10000));
            String text = version.toString();
            assertThat(text).hasSize(VersionId.TEXT_LENGTH).matches("[0-9a-f]{20}");
            assertThat(VersionId.parse(text)).isEqualTo(version);
        }
    }

    @Test
    void rejectsMalformedText() {
        assertThatThrownBy(() -> VersionId.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VersionId.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VersionId.parse("0".repeat(19))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VersionId.parse("0".repeat(19) + "g")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsFieldsOutOfRange() {
        assertThatThrownBy(() -> new VersionId(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VersionId(1L << 48, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VersionId(0, 0x10000, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VersionId(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
