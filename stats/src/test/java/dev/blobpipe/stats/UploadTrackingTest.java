package dev.blobpipe.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.Topics;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.UploadRecord;
import dev.blobpipe.schemas.UploadRecordCodec;
import dev.blobpipe.schemas.VersionId;
import dev.blobpipe.stats.internal.UploadActivity;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload tracker: uploads with chunks and no commit or abort are reported once idle past the threshold. */
class UploadTrackingTest {
    private static final Instant START = Instant.parse("2030-01-01T10:00:00Z");
    private static final Duration THRESHOLD = Duration.ofMinutes(15);

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> chunks;

    @BeforeEach
    void startDriver() {
        // the tracker's real settings (its store cache included), with a broker address the driver never contacts
        Properties properties = LiveStats.uploadProperties("unused:9092",
                new StatsConfig(true, "uploads-test", stateDir, THRESHOLD));
        driver = new TopologyTestDriver(StatsTopology.uploads(Duration.ofDays(7)), properties, START);
        chunks = driver.createInputTopic(Topics.CHUNKS, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void uploadWithoutCommitIsReportedOnceIdlePastTheThreshold() {
        var stalled = new UploadId("stalled");
        send(new UploadRecord.Chunk(stalled, 0, 0, 0, ByteBuffer.allocate(1000)), START);
        send(new UploadRecord.Chunk(stalled, 1, 1000, 0, ByteBuffer.allocate(500)), START.plusSeconds(10));

        assertThat(StatsReader.idleUploads(store(), START.plus(THRESHOLD), THRESHOLD)).isEmpty();
        assertThat(StatsReader.idleUploads(store(), START.plus(THRESHOLD).plusSeconds(11), THRESHOLD))
                .containsExactly(new IdleUpload("stalled", START, START.plusSeconds(10), 2, 1500));
    }

    @Test
    void committedAndAbortedUploadsAreForgotten() {
        var committed = new UploadId("committed");
        var aborted = new UploadId("aborted");
        send(new UploadRecord.Chunk(committed, 0, 0, 0, ByteBuffer.allocate(10)), START);
        send(new UploadRecord.Chunk(aborted, 0, 0, 0, ByteBuffer.allocate(10)), START);
        send(new UploadRecord.Commit(committed, new ObjectManifest("b", "k", new VersionId(1, 0, 1), 10, 1,
                "0".repeat(32), "0".repeat(64), START, ObjectMetadata.EMPTY)), START);
        send(new UploadRecord.Abort(aborted, "client went away"), START);

        assertThat(StatsReader.idleUploads(store(), START.plus(Duration.ofDays(1)), THRESHOLD)).isEmpty();
    }

    @Test
    void singleRecordUploadIsNeverInProgressAndWritesNothing() {
        // given an upload sent as one record (its only chunk with its commit)
        byte[] data = new byte[4096];
        var small = new UploadRecord.CompleteUpload(new UploadId("small"), 0, ByteBuffer.wrap(data),
                new ObjectManifest("b", "k", new VersionId(1, 0, 1), data.length, 1, "0".repeat(32), "0".repeat(64),
                        START, ObjectMetadata.EMPTY));

        // when the tracker reads it
        send(small, START);

        // then it is not an idle upload, ever, and neither the store nor its changelog got a write
        assertThat(StatsReader.idleUploads(store(), START.plus(Duration.ofDays(1)), THRESHOLD)).isEmpty();
        assertThat(store().get("small")).isNull();
        assertThat(changelog().readRecordsToList()).isEmpty();
    }

    @Test
    void chunkedUploadIsWrittenToTheChangelog() {
        // the counterpart of the test above: the changelog reader does see the tracker's writes
        send(new UploadRecord.Chunk(new UploadId("chunked"), 0, 0, 0, ByteBuffer.allocate(10)), START);

        driver.advanceWallClockTime(Duration.ofMinutes(1)); // past the commit interval: the cache is flushed

        assertThat(changelog().readRecordsToList()).extracting(TestRecord::key).containsExactly("chunked");
    }

    @Test
    void uploadsIdleLongerThanTheRetentionAreDropped() {
        send(new UploadRecord.Chunk(new UploadId("ancient"), 0, 0, 0, ByteBuffer.allocate(10)), START);

        driver.advanceWallClockTime(Duration.ofDays(8));

        assertThat(store().approximateNumEntries()).isZero();
    }

    private TestOutputTopic<String, byte[]> changelog() {
        return driver.createOutputTopic("uploads-test-uploads-" + StatsTopology.UPLOAD_ACTIVITY + "-changelog",
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private KeyValueStore<String, UploadActivity> store() {
        return driver.getKeyValueStore(StatsTopology.UPLOAD_ACTIVITY);
    }

    private void send(UploadRecord record, Instant at) {
        ProducerRecord<byte[], byte[]> producerRecord = UploadRecordCodec.toProducerRecord(record);
        chunks.pipeInput(new TestRecord<>(producerRecord.key(), producerRecord.value(), producerRecord.headers(),
                at.toEpochMilli()));
    }
}
