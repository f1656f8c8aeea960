package dev.blobpipe.catalog.testing;

import dev.blobpipe.embedded.testing.SharedKafka;
import dev.blobpipe.schemas.EventCodec;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A fresh events topic on the shared broker, with a producer that publishes events to it. */
public final class EventsTopic implements AutoCloseable {
    private final String name;
    private final KafkaProducer<byte[], byte[]> producer;

    private EventsTopic(String name) {
        this.name = name;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    public static EventsTopic create(int partitions) {
        return create(partitions, Map.of());
    }

    /** A topic with {@link Topics#eventsConfig()} and {@code overrides} on top (e.g. to make the log cleaner busy). */
    public static EventsTopic create(int partitions, Map<String, String> overrides) {
        String name = SharedKafka.uniqueTopic("events");
        Map<String, String> configs = new HashMap<>(Topics.eventsConfig());
        configs.putAll(overrides);
        SharedKafka.createTopic(name, partitions, configs);
        return new EventsTopic(name);
    }

    public String name() {
        return name;
    }

    /** Publishes events in order, waiting for each acknowledgement. */
    public void publish(ObjectEvent... events) {
        // all sent before any is awaited: the idempotent producer keeps their order, and thousands take one round trip
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.length);
        for (ObjectEvent event : events) {
            ProducerRecord<byte[], byte[]> record = EventCodec.toProducerRecord(event);
            acks.add(producer.send(new ProducerRecord<>(name, null, record.key(), record.value(), record.headers())));
        }
        acks.forEach(this::await);
    }

    /**
     * Publishes events in one committed Kafka transaction, as the archiver does: the commit marker after them takes an
     * offset of its own, which no consumer is ever given.
     */
    public void publishInTransaction(ObjectEvent... events) {
        try (var transactional = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, name + "-" + UUID.randomUUID(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            transactional.initTransactions();
            transactional.beginTransaction();
            for (ObjectEvent event : events) {
                ProducerRecord<byte[], byte[]> record = EventCodec.toProducerRecord(event);
                transactional.send(new ProducerRecord<>(name, null, record.key(), record.value(), record.headers()));
            }
            transactional.commitTransaction();
        }
    }

    /**
     * Publishes {@code event} with record timestamp {@code timestamp}: a time well after a segment's first record
     * rolls the segment (segment.ms counts record time), which makes the records before it cleanable.
     */
    public void publishAt(Instant timestamp, ObjectEvent event) {
        ProducerRecord<byte[], byte[]> record = EventCodec.toProducerRecord(event);
        send(new ProducerRecord<>(name, null, timestamp.toEpochMilli(), record.key(), record.value(),
                record.headers()));
    }

    /** Publishes a record no codec can read. */
    public void publishGarbage() {
        var headers = new RecordHeaders();
        headers.add("bp.v", new byte[] {EventCodec.FORMAT_VERSION}); // right format header, unreadable body
        send(new ProducerRecord<>(name, null, "garbage".getBytes(), new byte[] {'?', 1, 2, 3}, headers));
    }

    private void send(ProducerRecord<byte[], byte[]> record) {
        await(producer.send(record));
    }

    private void await(Future<RecordMetadata> ack) {
        try {
            ack.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing to " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + name, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
