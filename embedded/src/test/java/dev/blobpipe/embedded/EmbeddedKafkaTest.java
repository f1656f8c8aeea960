package dev.blobpipe.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.embedded.testing.SharedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void recordWithOneMebibytePayloadAndHeadersRoundTrips() throws Exception {
        // given a topic sized for 1 MiB chunks plus headers
        String topic = SharedKafka.uniqueTopic("big");
        SharedKafka.createTopic(topic, 1, Map.of("max.message.bytes", "1200000"));
        byte[] payload = new byte[1 << 20];
        new Random(42).nextBytes(payload);

        // when a 1 MiB record with headers is produced and consumed
        try (KafkaProducer<byte[], byte[]> producer = bytesProducer(SharedKafka.bootstrapServers(), Map.of())) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8), payload);
            record.headers().add("kind", "chunk".getBytes(StandardCharsets.UTF_8));
            record.headers().add("crc32c", new byte[] {1, 2, 3, 4});
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
        List<ConsumerRecord<byte[], byte[]>> received = consumeBytes(SharedKafka.bootstrapServers(), topic, 1);

        // then bytes and headers are unchanged
        ConsumerRecord<byte[], byte[]> only = received.get(0);
        assertThat(Arrays.equals(only.value(), payload)).as("payload bytes equal").isTrue();
        assertThat(new String(only.headers().lastHeader("kind").value(), StandardCharsets.UTF_8)).isEqualTo("chunk");
        assertThat(only.headers().lastHeader("crc32c").value()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() throws Exception {
        // given
        String topic = SharedKafka.uniqueTopic("tx");
        SharedKafka.createTopic(topic, 1, Map.of());
        Map<String, Object> tx = Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + topic);

        // when one transaction commits and the next aborts, then a marker record commits
        try (KafkaProducer<String, String> producer = stringProducer(SharedKafka.bootstrapServers(), tx)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "a", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "aborted")).get(30, TimeUnit.SECONDS);
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "committed-3"));
            producer.commitTransaction();
        }

        // then
        assertThat(consumeStrings(SharedKafka.bootstrapServers(), topic, "read_committed", 3))
                .containsExactly("committed-1", "committed-2", "committed-3");
    }

    @Test
    void restartOnSameDirectoryKeepsTopicsRecordsAndOffsets(@TempDir Path dir) throws Exception {
        // given a broker with a topic, records and a committed consumer offset
        String topic = "kept";
        String group = "kept-group";
        String firstBootstrap;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
            firstBootstrap = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, firstBootstrap))) {
                admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = stringProducer(firstBootstrap,
                    Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "restart-tx"))) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, 0, "k", "one"));
                producer.send(new ProducerRecord<>(topic, 0, "k", "two"));
                producer.commitTransaction();
            }
            try (KafkaConsumer<String, String> consumer = stringConsumer(firstBootstrap, group, "read_committed")) {
                consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1)), TIMEOUT);
            }
        }

        // when it restarts on the same directory (on new ports)
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
            // then the topic, its records and the group's offset are all still there
            assertThat(kafka.bootstrapServers()).isNotEqualTo(firstBootstrap);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(topic).partitions()).hasSize(2);
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                assertThat(offsets.get(new TopicPartition(topic, 0)).offset()).isEqualTo(1);
            }
            assertThat(consumeStrings(kafka.bootstrapServers(), topic, "read_committed", 2))
                    .containsExactly("one", "two");
            // and a transactional id from before the restart can still start new transactions
            try (KafkaProducer<String, String> producer = stringProducer(kafka.bootstrapServers(),
                    Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "restart-tx"))) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, 0, "k", "three"));
                producer.commitTransaction();
            }
            assertThat(consumeStrings(kafka.bootstrapServers(), topic, "read_committed", 3))
                    .containsExactly("one", "two", "three");
        }
    }

    @Test
    void restartAfterKilledJvmKeepsCommittedRecordsAndAbortsOpenTransaction(@TempDir Path dir) throws Exception {
        // given a broker whose JVM was killed with SIGKILL while a transaction was open
        Path dataDir = dir.resolve("kafka");
        Path ready = dir.resolve("ready");
        Path childLog = dir.resolve("child.log");
        Process child = ChildJvm.start(KilledKafkaChild.class, childLog, dataDir.toString(), ready.toString(), "crash");
        try {
            Await.until(TIMEOUT, "child JVM to start kafka and commit records (log: " + childLog + ")",
                    () -> Files.exists(ready) || !child.isAlive());
            assertThat(child.isAlive()).as("child JVM alive after producing").isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }

        // when the broker starts again on its directory and the transactional id resumes
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
            try (KafkaProducer<String, String> producer = stringProducer(kafka.bootstrapServers(),
                    Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "killed-tx"))) {
                producer.initTransactions(); // fences the dead producer and aborts its open transaction
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("crash", "k", "after-restart"));
                producer.commitTransaction();
            }

            // then committed records survive and the open transaction's record never shows
            assertThat(consumeStrings(kafka.bootstrapServers(), "crash", "read_committed", 2))
                    .containsExactly("before-kill", "after-restart");
        }
    }

    @Test
    void closeTwiceIsHarmless(@TempDir Path dir) {
        EmbeddedKafka kafka = EmbeddedKafka.start(dir);
        kafka.close();
        kafka.close();
    }

    private static KafkaProducer<byte[], byte[]> bytesProducer(String bootstrap, Map<String, Object> extra) {
        Map<String, Object> config = producerConfig(bootstrap, extra);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaProducer<String, String> stringProducer(String bootstrap, Map<String, Object> extra) {
        Map<String, Object> config = producerConfig(bootstrap, extra);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static Map<String, Object> producerConfig(String bootstrap, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_200_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        config.putAll(extra);
        return config;
    }

    private static KafkaConsumer<String, String> stringConsumer(String bootstrap, String group, String isolation) {
        return new KafkaConsumer<>(consumerConfig(bootstrap, group, isolation),
                new StringDeserializer(), new StringDeserializer());
    }

    private static Map<String, Object> consumerConfig(String bootstrap, String group, String isolation) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    /** Reads {@code count} values of partition 0 from the beginning (assign, no group rebalance). */
    private static List<String> consumeStrings(String bootstrap, String topic, String isolation, int count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                consumerConfig(bootstrap, "reader-" + topic + System.nanoTime(), isolation),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new ArrayList<>();
            Await.until(TIMEOUT, count + " records on " + topic, () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return values.size() >= count;
            });
            return values;
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> consumeBytes(String bootstrap, String topic, int count) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                consumerConfig(bootstrap, "reader-" + topic, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            Await.until(TIMEOUT, count + " records on " + topic, () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
            return records;
        }
    }
}
