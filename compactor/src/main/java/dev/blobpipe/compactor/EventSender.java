package dev.blobpipe.compactor;

import dev.blobpipe.schemas.EventCodec;
import dev.blobpipe.schemas.ObjectEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes the compactor's events to the events topic and waits for each acknowledgement; the one place its
 * producer is configured (idempotent, acks=all). Thread-safe.
 */
final class EventSender implements AutoCloseable {
    /** Kafka calls every send's callback within this; the ack wait adds a little on top. */
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration MAX_BLOCK = Duration.ofSeconds(10);
    private static final Duration ACK_WAIT = DELIVERY_TIMEOUT.plusSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    EventSender(String bootstrapServers, String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.producer = new KafkaProducer<>(properties(bootstrapServers));
    }

    static Map<String, Object> properties(String bootstrapServers) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"),
                ProducerConfig.CLIENT_ID_CONFIG, "blobpipe-compactor",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                // a retried send is written once, and an ack means every in-sync replica has it
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK.toMillis());
    }

    /** Sends {@code event} (key and value from {@link EventCodec}) and waits until Kafka acknowledged it. */
    void send(ObjectEvent event) {
        ProducerRecord<byte[], byte[]> codec = EventCodec.toProducerRecord(event);
        var record = new ProducerRecord<>(topic, codec.partition(), codec.timestamp(), codec.key(), codec.value(),
                codec.headers());
        String what = event.getClass().getSimpleName() + " bucket=" + event.bucket() + " version="
                + event.versionId();
        try {
            producer.send(record).get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new UnableToPublishException("kafka refused " + what, e.getCause());
        } catch (TimeoutException e) {
            throw new UnableToPublishException("no kafka ack within " + ACK_WAIT + " for " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToPublishException("interrupted waiting for the kafka ack of " + what, e);
        }
    }

    /**
     * Sends every event in order without waiting in between, then waits for each acknowledgement (all within one
     * ack wait: the producer's delivery timeout bounds each). Throws at the first event Kafka did not acknowledge;
     * events before it are written, later ones may be.
     */
    void sendAll(List<? extends ObjectEvent> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (ObjectEvent event : events) {
            acks.add(producer.send(record(event)));
        }
        long deadline = System.nanoTime() + ACK_WAIT.toNanos();
        for (int index = 0; index < acks.size(); index++) {
            ObjectEvent event = events.get(index);
            try {
                acks.get(index).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new UnableToPublishException("kafka refused " + describe(event), e.getCause());
            } catch (TimeoutException e) {
                throw new UnableToPublishException("no kafka ack within " + ACK_WAIT + " for " + describe(event), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnableToPublishException("interrupted waiting for the kafka ack of " + describe(event), e);
            }
        }
    }

    private ProducerRecord<byte[], byte[]> record(ObjectEvent event) {
        ProducerRecord<byte[], byte[]> codec = EventCodec.toProducerRecord(event);
        return new ProducerRecord<>(topic, codec.partition(), codec.timestamp(), codec.key(), codec.value(),
                codec.headers());
    }

    private static String describe(ObjectEvent event) {
        return event.getClass().getSimpleName() + " bucket=" + event.bucket() + " version=" + event.versionId();
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
