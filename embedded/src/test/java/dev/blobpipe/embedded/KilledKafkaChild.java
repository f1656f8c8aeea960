package dev.blobpipe.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Run in a child JVM by {@link EmbeddedKafkaTest}: starts a broker, commits records in a transaction, signals ready
 * by creating a marker file, then waits to be killed with SIGKILL (no clean broker shutdown).
 */
public final class KilledKafkaChild {

    private KilledKafkaChild() {
    }

    /** Arguments: data dir, marker file, topic. */
    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path readyMarker = Path.of(args[1]);
        String topic = args[2];
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir); // never closed: the parent kills us
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "killed-tx"), new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "before-kill"));
            producer.commitTransaction();
            // an open transaction at the moment of the kill: it must never become visible
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "in-flight")).get(30, TimeUnit.SECONDS);
            Files.writeString(readyMarker, kafka.bootstrapServers());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); // a forgotten child still exits
            while (System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
        kafka.close();
    }
}
