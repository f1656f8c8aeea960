package dev.blobpipe.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataColumnsTest {

    @Test
    void pairsRoundTripAMap() {
        Map<String, String> map = Map.of("b", "2", "a", "1", "with \"quotes\"", "{json: [x]}");
        String[] pairs = MetadataColumns.toPairs(map);
        assertThat(pairs).containsExactly("a", "1", "b", "2", "with \"quotes\"", "{json: [x]}");
        assertThat(MetadataColumns.fromPairs(pairs)).isEqualTo(map);
    }

    @Test
    void nullPairsAreAnEmptyMap() {
        assertThat(MetadataColumns.fromPairs(null)).isEmpty();
        assertThat(MetadataColumns.toPairs(Map.of())).isEmpty();
    }
}
