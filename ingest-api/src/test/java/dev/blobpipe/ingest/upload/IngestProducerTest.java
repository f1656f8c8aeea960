package dev.blobpipe.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.schemas.Topics;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class IngestProducerTest {

    @Test
    void producerIsIdempotentAcksAllAndTakesAFullChunk() {
        UploadConfig.Values config = UploadConfig.Values.defaults();

        Map<String, Object> properties = IngestProducer.properties("localhost:9092", config);

        assertThat(properties).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "blobpipe-ingest")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        assertThat((int) properties.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG))
                .isGreaterThanOrEqualTo(Topics.MAX_RECORD_BYTES);
        assertThat((long) properties.get(ProducerConfig.BUFFER_MEMORY_CONFIG))
                .isGreaterThan(config.inflightBytes());
    }
}
