package dev.blobpipe.archiver.testing;

import dev.blobpipe.archiver.Archiver;
import dev.blobpipe.archiver.ArchiverConfig;
import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.blobstore.BlobStore;
import dev.blobpipe.blobstore.fs.FilesystemBlobStore;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.embedded.testing.SharedKafka;
import dev.blobpipe.embedded.testing.TopicAdmin;
import dev.blobpipe.schemas.EventCodec;
import dev.blobpipe.schemas.Hex;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.Topics;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.UploadRecord;
import dev.blobpipe.schemas.UploadRecordCodec;
import dev.blobpipe.schemas.VersionId;
import dev.blobpipe.schemas.config.ConfigValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One test's world: its own chunks and events topics and consumer group on the shared broker, a filesystem blob store
 * in a temp dir, a producer writing upload records as ingest-api does and a read_committed reader of the events.
 */
public final class ArchiverFixture implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(30);
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(1);

    private final String chunksTopic = SharedKafka.uniqueTopic("chunks");
    private final String eventsTopic = SharedKafka.uniqueTopic("events");
    private final String groupId = SharedKafka.uniqueTopic("archiver-group");
    private final String bootstrapServers;
    private final Path blobRoot;
    private final FilesystemBlobStore store;
    private final KafkaProducer<byte[], byte[]> chunkProducer;
    private final KafkaConsumer<byte[], byte[]> eventReader;
    private final List<ObjectEvent.ObjectCommitted> events = new ArrayList<>();
    private final List<Archiver> archivers = new ArrayList<>();

    /**
     * A fixture on the shared embedded broker, for a test's field ({@code @AutoClose} closes it after each test); an
     * I/O error fails the test.
     */
    public static ArchiverFixture onSharedKafka() {
        try {
            return new ArchiverFixture(SharedKafka.bootstrapServers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture on the broker at {@code bootstrapServers} (e.g. a Testcontainers Kafka). */
    public ArchiverFixture(String bootstrapServers) throws IOException {
        this.bootstrapServers = bootstrapServers;
        TopicAdmin.createTopic(bootstrapServers, chunksTopic, 1, Topics.chunksConfig());
        TopicAdmin.createTopic(bootstrapServers, eventsTopic, 1, Topics.eventsConfig());
        blobRoot = Files.createTempDirectory("archiver-test-blobs-");
        store = new FilesystemBlobStore(blobRoot);
        chunkProducer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        eventReader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        var partition = new TopicPartition(eventsTopic, 0);
        eventReader.assign(List.of(partition));
        eventReader.seekToBeginning(List.of(partition));
    }

    /** Fast polls, a one-minute idle timeout (tests move the clock past it) and this test's own group. */
    public ArchiverConfig config(String instanceId) {
        return config(instanceId, Map.of());
    }

    /** {@link #config(String)} with some keys set otherwise. */
    public ArchiverConfig config(String instanceId, Map<String, String> overrides) {
        ConfigValues values = ConfigValues.empty()
                .with(ArchiverConfig.INSTANCE_ID.name(), instanceId)
                .with(ArchiverConfig.GROUP_ID.name(), groupId)
                .with(ArchiverConfig.POLL_TIMEOUT.name(), "50")
                .with(ArchiverConfig.UPLOAD_IDLE_TIMEOUT.name(), IDLE_TIMEOUT.toString())
                .with(ArchiverConfig.CHUNKS_TRIM_INTERVAL.name(), "0")
                .with(ArchiverConfig.KAFKA_TIMEOUT.name(), "PT30S");
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            values = values.with(override.getKey(), override.getValue());
        }
        return ArchiverConfig.from(values);
    }

    /** A new, not yet started archiver on this test's topics; closed with the fixture. */
    public Archiver archiver(String instanceId, Clock clock) {
        return archiver(config(instanceId), clock);
    }

    /**
     * A new archiver whose loops wait ten minutes before restarting, so a loop that crashed stays down, as a killed
     * process would, until the test closes it or starts a successor.
     */
    public Archiver archiverThatStaysDown(String instanceId, Clock clock) {
        return archiver(config(instanceId, Map.of(ArchiverConfig.RESTART_BACKOFF.name(), "PT10M")), clock);
    }

    /** A new, not yet started archiver with {@code config} on this test's topics; closed with the fixture. */
    public Archiver archiver(ArchiverConfig config, Clock clock) {
        var archiver = new Archiver(bootstrapServers, store, config, clock, chunksTopic, eventsTopic);
        archivers.add(archiver);
        return archiver;
    }

    /** Sends the records in order to the single chunks partition and waits until the broker has them. */
    public void send(UploadRecord... records) {
        for (UploadRecord record : records) {
            ProducerRecord<byte[], byte[]> standard = UploadRecordCodec.toProducerRecord(record);
            try {
                chunkProducer.send(new ProducerRecord<>(chunksTopic, 0, standard.key(), standard.value(),
                        standard.headers())).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted sending " + record.uploadId(), e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot send a record of " + record.uploadId(), e);
            }
        }
    }

    /** Sends every chunk and then the commit. */
    public void sendWhole(TestUpload upload) {
        upload.chunks().forEach(this::send);
        send(upload.commit());
    }

    /** Every committed event read so far, after reading whatever the topic has now. */
    public List<ObjectEvent.ObjectCommitted> events() {
        for (ConsumerRecord<byte[], byte[]> record : eventReader.poll(Duration.ofMillis(100))) {
            ObjectEvent event = EventCodec.fromConsumerRecord(record);
            if (event instanceof ObjectEvent.ObjectCommitted committed) {
                events.add(committed);
            }
        }
        return List.copyOf(events);
    }

    public ObjectEvent.ObjectCommitted awaitEvent(UploadId uploadId) {
        return Await.value(WAIT, "object event for upload " + uploadId, () -> events().stream()
                .filter(event -> event.uploadId().equals(uploadId))
                .findFirst());
    }

    public long eventCount(VersionId versionId) {
        return events().stream().filter(event -> event.versionId().equals(versionId)).count();
    }

    public boolean stagingExists(UploadId uploadId) {
        return blobSize(BlobNames.staging(uploadId.value())) >= 0;
    }

    public boolean objectExists(UploadId uploadId) {
        return blobSize(BlobNames.object(uploadId.value())) >= 0;
    }

    /** Staging blobs and published objects under the store's root, as relative names. */
    public List<String> blobNames() {
        try (Stream<Path> paths = Files.walk(blobRoot)) {
            return paths.filter(Files::isRegularFile).map(path -> blobRoot.relativize(path).toString()).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 hex of the bytes at {@code location}, streamed. */
    public String sha256Of(ObjectLocation location) {
        try (InputStream in = store.openRead(location.blobName(), location.offset(), location.lengthBytes())) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 << 10];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                sha256.update(buffer, 0, read);
            }
            return Hex.of(sha256.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where a blob's file is, for tests that damage one. */
    public Path blobPath(String name) {
        return blobRoot.resolve(name);
    }

    /** The blob store the archivers write to. */
    public BlobStore store() {
        return store;
    }

    public long blobSize(String name) {
        try {
            return store.size(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first offset still stored on the chunks partition. */
    public long chunksLogStartOffset() {
        var partition = new TopicPartition(chunksTopic, 0);
        try (var admin = TopicAdmin.admin(bootstrapServers)) {
            return admin.listOffsets(Map.of(partition, OffsetSpec.earliest())).partitionResult(partition)
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        archivers.forEach(Archiver::close);
        chunkProducer.close(Duration.ofSeconds(10));
        eventReader.close(Duration.ofSeconds(10));
        store.close();
        try (Stream<Path> paths = Files.walk(blobRoot)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
