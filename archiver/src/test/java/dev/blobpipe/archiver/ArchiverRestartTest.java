package dev.blobpipe.archiver;

import static dev.blobpipe.archiver.testing.ArchiverFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.archiver.testing.ArchiverFixture;
import dev.blobpipe.embedded.testing.MutableClock;
import dev.blobpipe.archiver.testing.TestUpload;
import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.embedded.testing.Await;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stops, crashes and restarts: every upload is published exactly once, none is lost. */
class ArchiverRestartTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    @AutoClose
    private final ArchiverFixture fixture = ArchiverFixture.onSharedKafka();

    @ParameterizedTest(name = "open upload starts first: {0}")
    @ValueSource(booleans = {true, false})
    void restartedArchiverCompletesOpenUploadAndDoesNotRepublishFinishedOne(boolean openStartsFirst) {
        // given two uploads interleaved on one partition, one finished and one open when the archiver stops
        var open = TestUpload.of("b", "open", 21, 1000, 1000, 1000);
        var done = TestUpload.of("b", "done", 22, 500, 500);
        var first = fixture.archiver("restart", clock);
        first.start();
        if (openStartsFirst) {
            fixture.send(open.chunk(0), done.chunk(0), done.chunk(1), done.commit(), open.chunk(1));
        } else {
            fixture.send(done.chunk(0), open.chunk(0), done.chunk(1), done.commit(), open.chunk(1));
        }
        fixture.awaitEvent(done.uploadId());
        Await.until(WAIT, "two chunks of the open upload staged",
                () -> fixture.blobSize(BlobNames.staging(open.uploadId().value())) == 2000);
        first.close();

        // when the rest of the open upload arrives and an archiver with the same instance id starts
        fixture.send(open.chunk(2), open.commit());
        var second = fixture.archiver("restart", clock);
        second.start();

        // then the open upload is complete and correct, and the finished one has still exactly one event
        var event = fixture.awaitEvent(open.uploadId());
        assertThat(fixture.sha256Of(event.location())).isEqualTo(open.manifest().sha256Hex());
        var marker = TestUpload.of("b", "marker", 23, 10);
        fixture.sendWhole(marker);
        fixture.awaitEvent(marker.uploadId());
        assertThat(fixture.eventCount(done.manifest().versionId())).isEqualTo(1);
        assertThat(fixture.eventCount(open.manifest().versionId())).isEqualTo(1);
    }

    @Test
    void crashBetweenPublishAndTransactionCommitYieldsExactlyOneEvent() {
        // given an archiver that dies right after publishing the blob, before its event's transaction commits
        var upload = TestUpload.of("b", "crash", 31, 70_000, 5);
        var first = fixture.archiverThatStaysDown("crashy", clock);
        first.afterPublish(uploadId -> {
            throw new SimulatedCrash("after publishing " + uploadId);
        });
        first.start();
        fixture.sendWhole(upload);
        Await.until(WAIT, "crashed loop stopped", () -> first.failure().isPresent());
        assertThat(first.failure()).containsInstanceOf(SimulatedCrash.class);
        // it stays down like a killed process: its restart would only be due in ten minutes
        first.close();
        assertThat(fixture.objectExists(upload.uploadId())).isTrue();
        assertThat(fixture.events()).isEmpty();

        // when its successor starts (same instance id: it fences the dead one's open transaction)
        var second = fixture.archiver("crashy", clock);
        second.start();

        // then the upload is republished and its event committed exactly once
        var event = fixture.awaitEvent(upload.uploadId());
        assertThat(fixture.sha256Of(event.location())).isEqualTo(upload.manifest().sha256Hex());
        var marker = TestUpload.of("b", "marker", 32, 10);
        fixture.sendWhole(marker);
        fixture.awaitEvent(marker.uploadId());
        assertThat(fixture.eventCount(upload.manifest().versionId())).isEqualTo(1);
        assertThat(fixture.stagingExists(upload.uploadId())).isFalse();
    }

    @Test
    void secondInstanceWithSameIdDoesNotPublishTwice() {
        // given a running archiver
        var first = fixture.archiver("twin", clock);
        first.start();
        var before = TestUpload.of("b", "before", 41, 10);
        fixture.sendWhole(before);
        fixture.awaitEvent(before.uploadId());

        // when a second one with the same instance id starts
        var second = fixture.archiver("twin", clock);
        second.start();
        var after = TestUpload.of("b", "after", 42, 10);
        fixture.sendWhole(after);

        // then whichever got the partition archives (the first one is fenced at its next transaction), once
        fixture.awaitEvent(after.uploadId());
        assertThat(fixture.eventCount(before.manifest().versionId())).isEqualTo(1);
        assertThat(fixture.eventCount(after.manifest().versionId())).isEqualTo(1);
    }

    @Test
    void failedTransactionIsAbortedAndItsBatchReplayed() {
        // given an archiver whose first transaction fails after a blob was published in it
        var upload = TestUpload.of("b", "flaky", 51, 20_000, 20_000);
        var failures = new AtomicInteger();
        var archiver = fixture.archiver("flaky", clock);
        archiver.afterPublish(uploadId -> {
            if (failures.getAndIncrement() == 0) {
                throw new KafkaException("injected transaction failure");
            }
        });
        archiver.start();

        // when the upload arrives
        fixture.sendWhole(upload);

        // then the batch is replayed from the committed offset and the upload is published once
        var event = fixture.awaitEvent(upload.uploadId());
        assertThat(failures.get()).isEqualTo(2);
        assertThat(fixture.sha256Of(event.location())).isEqualTo(upload.manifest().sha256Hex());
        var marker = TestUpload.of("b", "marker", 52, 10);
        fixture.sendWhole(marker);
        fixture.awaitEvent(marker.uploadId());
        assertThat(fixture.eventCount(upload.manifest().versionId())).isEqualTo(1);
        assertThat(archiver.isRunning()).isTrue();
    }
}
