package dev.blobpipe.ingest.upload;

import dev.blobpipe.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The one place ingest-api's Kafka producer is configured: idempotent, acks=all, large enough for a full chunk. One
 * producer per process, shared by {@link ObjectUploader} and {@link EventPublisher}; the caller closes it.
 */
public final class IngestProducer {
    /** Kafka calls every send's callback within this; ack waits add {@link #ACK_WAIT_SLACK} on top. */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);
    /** How long send() may block for metadata or buffer space before failing. */
    public static final Duration MAX_BLOCK = Duration.ofSeconds(10);
    static final Duration ACK_WAIT_SLACK = Duration.ofSeconds(5);
    static final String CLIENT_ID = "blobpipe-ingest";

    private IngestProducer() {
    }

    public static Producer<byte[], byte[]> create(String bootstrapServers, UploadConfig.Values config) {
        return new KafkaProducer<>(properties(bootstrapServers, config));
    }

    /** The producer properties; exposed so tests and the effective-config log can show them. */
    public static Map<String, Object> properties(String bootstrapServers, UploadConfig.Values config) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(config, "config");
        return Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID),
                Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()),
                Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()),
                // no duplicate or reordered chunk after a retry, and an ack means every in-sync replica has it
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5),
                // Kafka's default is exactly 1 MiB and would refuse a full chunk with its key and headers
                Map.entry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES),
                // InflightBudget caps chunk bytes below this, so send() does not block on buffer space for
                // chunks; the headroom is for commits, aborts, events and batch overhead
                Map.entry(ProducerConfig.BUFFER_MEMORY_CONFIG, bufferMemoryBytes(config)),
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, 2),
                // chunk payloads are client data, often already compressed; the archiver stores them as sent
                Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"),
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis()),
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK.toMillis()));
    }

    static long bufferMemoryBytes(UploadConfig.Values config) {
        return config.inflightBytes() + Math.max(4L << 20, config.inflightBytes() / 8);
    }

    /** How long to wait for a send's acknowledgement once send() returned: Kafka completes it within the delivery timeout. */
    static Duration ackWait() {
        return DELIVERY_TIMEOUT.plus(ACK_WAIT_SLACK);
    }
}
