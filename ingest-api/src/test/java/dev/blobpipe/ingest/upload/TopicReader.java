package dev.blobpipe.ingest.upload;

import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.embedded.testing.SharedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a one-partition test topic from the start, decoding each record, until the records read satisfy a condition. */
final class TopicReader<T> implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Function<ConsumerRecord<byte[], byte[]>, T> decoder;
    private final List<T> records = new ArrayList<>();

    TopicReader(String topic, Function<ConsumerRecord<byte[], byte[]>, T> decoder) {
        this.decoder = decoder;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        var partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    /** All records read so far once {@code done} holds for them; fails after 30 s naming {@code what}. */
    List<T> readUntil(String what, Predicate<List<T>> done) {
        return Await.value(TIMEOUT, what, () -> {
            consumer.poll(Duration.ofMillis(100)).forEach(record -> records.add(decoder.apply(record)));
            return done.test(records) ? List.copyOf(records) : null;
        });
    }

    @Override
    public void close() {
        consumer.close();
    }
}
