package dev.blobpipe.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.schemas.Topics;
import dev.blobpipe.schemas.config.ConfigException;
import dev.blobpipe.schemas.config.ConfigValues;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UploadConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        UploadConfig.Values values = UploadConfig.from(ConfigValues.empty());

        assertThat(values).isEqualTo(new UploadConfig.Values(1 << 20, 64L << 20, 4, Duration.ofSeconds(30), 0));
    }

    @Test
    void everyKeyIsListedWithADoc() {
        assertThat(UploadConfig.keys()).extracting(key -> key.name()).containsExactly("ingest.chunk.size.bytes",
                "ingest.inflight.bytes", "ingest.upload.inflight.chunks", "ingest.visibility.timeout",
                "ingest.node.id");
        assertThat(UploadConfig.keys()).allSatisfy(key -> assertThat(key.doc()).isNotBlank());
    }

    @Test
    void rejectsChunkLargerThanTheTopicAllows() {
        var values = new ConfigValues(Map.of("ingest.chunk.size.bytes", Long.toString(Topics.MAX_CHUNK_BYTES + 1L)));

        assertThatThrownBy(() -> UploadConfig.from(values))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.chunk.size.bytes");
    }

    @Test
    void rejectsBudgetSmallerThanOneChunk() {
        var values = new ConfigValues(Map.of("ingest.chunk.size.bytes", "1048576", "ingest.inflight.bytes", "1048575"));

        assertThatThrownBy(() -> UploadConfig.from(values))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.inflight.bytes");
    }
}
