package dev.blobpipe.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.schemas.EventCodec;
import dev.blobpipe.schemas.Extent;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.PartOf;
import dev.blobpipe.schemas.Topics;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import dev.blobpipe.schemas.WriteCondition;
import dev.blobpipe.stats.internal.BucketTotals;
import dev.blobpipe.stats.internal.OperationCounts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The object counts topology against the catalog's last-writer-wins rules, event by event. */
class StatsTopologyTest {
    private static final String BUCKET = "photos";
    private static final Instant START = Instant.parse("2030-01-01T10:00:00Z");
    private static final String MD5_A = "0123456789abcdef0123456789abcdef";
    private static final String MD5_B = "fedcba9876543210fedcba9876543210";

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> events;
    private long nextMillis = START.toEpochMilli();

    @BeforeEach
    void startDriver() {
        var properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "stats-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(StatsTopology.objects(), properties);
        events = driver.createInputTopic(Topics.EVENTS, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void overwriteKeepsOneObjectWithTheNewSize() {
        publish(committed("a", version(1), 100, MD5_A));
        publish(committed("a", version(2), 250, MD5_B));

        assertThat(totals(BUCKET)).isEqualTo(new BucketTotals(1, 250));
        assertThat(minuteCounts()).containsExactly(new OperationCounts(2, 0));
    }

    @Test
    void deleteRemovesTheLiveObjectAndCountsOneDelete() {
        publish(committed("a", version(1), 100, MD5_A));
        publish(committed("b", version(2), 40, MD5_A));
        publish(new ObjectEvent.ObjectDeleted(BUCKET, "a", version(3), START));

        assertThat(totals(BUCKET)).isEqualTo(new BucketTotals(1, 40));
        assertThat(minuteCounts()).containsExactly(new OperationCounts(2, 1));
    }

    @Test
    void lateOlderVersionChangesNothing() {
        publish(committed("a", version(5), 100, MD5_A));
        publish(committed("a", version(3), 999, MD5_B));
        publish(new ObjectEvent.ObjectDeleted(BUCKET, "a", version(4), START));

        assertThat(totals(BUCKET)).isEqualTo(new BucketTotals(1, 100));
    }

    @Test
    void lateOlderWriteAfterADeleteStaysDeleted() {
        publish(new ObjectEvent.ObjectDeleted(BUCKET, "a", version(5), START));
        publish(committed("a", version(3), 999, MD5_B));

        assertThat(totals(BUCKET)).isEqualTo(new BucketTotals(0, 0));
    }

    @Test
    void replayedEventIsCountedOnce() {
        ObjectEvent event = committed("a", version(1), 100, MD5_A);
        publish(event);
        publish(event);

        assertThat(totals(BUCKET)).isEqualTo(new BucketTotals(1, 100));
        assertThat(minuteCounts()).containsExactly(new OperationCounts(1, 0));
    }

    @Test
    void copyCreatesAnObjectOfTheSourceSize() {
        publish(committed("src", version(1), 300, MD5_A));
        publish(new ObjectEvent.ObjectCopied(manifest("dst", version(2), 300, MD5_A, 0, null),
                ObjectLocation.wholeBlob("blob-src", 300), List.of()));

        assertThat(totals(BUCKET)).isEqualTo(new BucketTotals(2, 600));
    }

    @Test
    void multipartPartsCountNothingUntilTheCompletion() {
        var upload = new UploadId("mpu-1");
        publish(part(upload, 1, version(1), 5 << 20));
        publish(part(upload, 2, version(2), 1 << 20));
        assertThat(driver.getKeyValueStore(StatsTopology.BUCKET_TOTALS).get(BUCKET)).isNull();

        publish(new ObjectEvent.MultipartCompleted(upload, manifest("big", version(3), 6 << 20, MD5_A, 2, null),
                List.of(new Extent(1, ObjectLocation.wholeBlob("p1", 5 << 20)),
                        new Extent(2, ObjectLocation.wholeBlob("p2", 1 << 20)))));

        assertThat(totals(BUCKET)).isEqualTo(new BucketTotals(1, 6 << 20));
    }

    @Test
    void expiryRemovesTheVersionItNames() {
        publish(committed("old", version(1), 70, MD5_A));
        publish(new ObjectEvent.ObjectExpired(BUCKET, "old", version(2), version(1), START));

        assertThat(totals(BUCKET)).isEqualTo(new BucketTotals(0, 0));
        assertThat(minuteCounts()).containsExactly(new OperationCounts(1, 1));
    }

    @Test
    void expiryOfAnOverwrittenVersionIsIgnored() {
        publish(committed("old", version(1), 70, MD5_A));
        publish(committed("old", version(3), 80, MD5_B));
        publish(new ObjectEvent.ObjectExpired(BUCKET, "old", version(4), version(1), START));

        assertThat(totals(BUCKET)).isEqualTo(new BucketTotals(1, 80));
    }

    @Test
    void ifNoneMatchWriteOnALiveKeyIsRejected() {
        publish(committed("a", version(1), 10, MD5_A));
        publish(new ObjectEvent.ObjectCommitted(new UploadId("u2"),
                manifest("a", version(2), 20, MD5_B, 0, WriteCondition.ifNoneMatchAny()), location(20)));

        assertThat(totals(BUCKET)).isEqualTo(new BucketTotals(1, 10));
    }

    @Test
    void ifMatchWriteWithTheLiveEtagWins() {
        publish(committed("a", version(1), 10, MD5_A));
        publish(new ObjectEvent.ObjectCommitted(new UploadId("u2"), manifest("a", version(2), 20, MD5_B, 0,
                WriteCondition.ifMatch(ObjectManifest.etag(MD5_A, 0))), location(20)));
        publish(new ObjectEvent.ObjectCommitted(new UploadId("u3"), manifest("a", version(3), 30, MD5_A, 0,
                WriteCondition.ifMatch(ObjectManifest.etag(MD5_A, 0))), location(30)));

        assertThat(totals(BUCKET)).isEqualTo(new BucketTotals(1, 20));
    }

    @Test
    void putsAndDeletesAreCountedPerMinuteOfRecordTime() {
        publish(committed("a", version(1), 1, MD5_A));
        nextMillis = START.plus(Duration.ofSeconds(65)).toEpochMilli();
        publish(committed("b", version(2), 1, MD5_A));
        publish(new ObjectEvent.ObjectDeleted(BUCKET, "a", version(3), START));

        List<MinuteCounts> minutes = StatsReader.minutes(driver.getWindowStore(StatsTopology.BUCKET_RATES),
                START.minusSeconds(60), START.plusSeconds(600));
        assertThat(minutes).containsExactly(new MinuteCounts(BUCKET, START, 1, 0),
                new MinuteCounts(BUCKET, START.plusSeconds(60), 1, 1));
    }

    @Test
    void bucketsAreCountedApart() {
        publish(committed("a", version(1), 5, MD5_A));
        publish(new ObjectEvent.ObjectCommitted(new UploadId("u9"),
                new ObjectManifest("other", "a", version(2), 7, 1, MD5_A, "0".repeat(64), START, ObjectMetadata.EMPTY),
                location(7)));

        KeyValueStore<String, BucketTotals> store = driver.getKeyValueStore(StatsTopology.BUCKET_TOTALS);
        assertThat(StatsReader.buckets(store)).containsExactly(new BucketCounts("other", 1, 7),
                new BucketCounts(BUCKET, 1, 5));
    }

    private void publish(ObjectEvent event) {
        ProducerRecord<byte[], byte[]> record = EventCodec.toProducerRecord(event);
        events.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), nextMillis));
    }

    private BucketTotals totals(String bucket) {
        KeyValueStore<String, BucketTotals> store = driver.getKeyValueStore(StatsTopology.BUCKET_TOTALS);
        return store.get(bucket);
    }

    private List<OperationCounts> minuteCounts() {
        WindowStore<String, OperationCounts> store = driver.getWindowStore(StatsTopology.BUCKET_RATES);
        return StatsReader.minutes(store, START.minusSeconds(60), START.plusSeconds(60)).stream()
                .map(minute -> new OperationCounts(minute.puts(), minute.deletes())).toList();
    }

    private static VersionId version(int n) {
        return new VersionId(START.toEpochMilli() + n, 0, 1);
    }

    private static ObjectEvent committed(String key, VersionId version, long size, String md5) {
        return new ObjectEvent.ObjectCommitted(new UploadId("u" + version.physicalMillis()),
                manifest(key, version, size, md5, 0, null), location(size));
    }

    private static ObjectEvent part(UploadId upload, int number, VersionId version, long size) {
        var manifest = new ObjectManifest(BUCKET, "big", version, size, 1, MD5_A, "0".repeat(64), START,
                ObjectMetadata.EMPTY, new PartOf(upload, number), 0);
        return new ObjectEvent.ObjectCommitted(new UploadId("p" + number), manifest, location(size));
    }

    private static ObjectManifest manifest(String key, VersionId version, long size, String md5, int parts,
            WriteCondition condition) {
        return new ObjectManifest(BUCKET, key, version, size, 1, md5, "0".repeat(64), START, ObjectMetadata.EMPTY,
                null, parts, condition);
    }

    private static ObjectLocation location(long size) {
        return ObjectLocation.wholeBlob("blob-" + size, size);
    }
}
