package dev.blobpipe.archiver;

import static dev.blobpipe.archiver.testing.ArchiverFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.archiver.testing.ArchiverFixture;
import dev.blobpipe.archiver.testing.TestUpload;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.embedded.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A poll loop that dies is started again by the archiver itself, unless it was fenced or the archiver is closing. */
class ArchiverSupervisionTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    @AutoClose
    private final ArchiverFixture fixture = ArchiverFixture.onSharedKafka();

    @Test
    void crashedLoopIsRestartedAndArchivesUploadsSentBeforeAndAfterTheCrash() {
        // given a running archiver whose loop dies once, after packing an upload but before its transaction commits
        var early = TestUpload.of("b", "early", 71, 100);
        var packed = TestUpload.of("b", "packed", 72, 4096);
        var staged = TestUpload.of("b", "staged", 73, 70_000, 5);
        var later = TestUpload.of("b", "later", 74, 300);
        var crashes = new AtomicInteger();
        var archiver = fixture.archiver(quickRestarts("restarts"), clock);
        archiver.afterPublish(uploadId -> {
            if (uploadId.equals(packed.uploadId()) && crashes.getAndIncrement() == 0) {
                throw new SimulatedCrash("after packing " + uploadId);
            }
        });
        archiver.start();
        fixture.sendWhole(early);
        String firstSegment = fixture.awaitEvent(early.uploadId()).location().blobName();

        // when the loop crashes on one upload, and more arrive after the crash
        fixture.sendWhole(packed);
        Await.until(WAIT, "loop crashed", () -> crashes.get() == 1);
        fixture.sendWhole(staged);
        fixture.sendWhole(later);

        // then the archiver restarted the loop by itself, and every upload is published once with its bytes
        for (TestUpload upload : new TestUpload[] {packed, staged, later}) {
            var event = fixture.awaitEvent(upload.uploadId());
            assertThat(fixture.sha256Of(event.location())).isEqualTo(upload.manifest().sha256Hex());
        }
        // the restarted loop packs into a segment of its own, never after the crashed one's unsynced frames
        assertThat(fixture.awaitEvent(packed.uploadId()).location().blobName()).isNotEqualTo(firstSegment);
        var marker = TestUpload.of("b", "marker", 75, 10);
        fixture.sendWhole(marker);
        fixture.awaitEvent(marker.uploadId());
        for (TestUpload upload : new TestUpload[] {early, packed, staged, later}) {
            assertThat(fixture.eventCount(upload.manifest().versionId())).isEqualTo(1);
        }
        assertThat(archiver.restarts()).isEqualTo(1);
        assertThat(archiver.isRunning()).isTrue();
        assertThat(archiver.restartingAfter()).isEmpty();
        assertThat(archiver.failure()).containsInstanceOf(SimulatedCrash.class);
    }

    @Test
    void closeDuringRestartBackoffReturnsAtOnceAndStartsNoLoop() {
        // given an archiver whose loop crashed and now waits ten minutes to restart
        var upload = TestUpload.of("b", "crash", 81, 100);
        var crashes = new AtomicInteger();
        var archiver = fixture.archiverThatStaysDown("closing", clock);
        archiver.afterPublish(uploadId -> {
            crashes.incrementAndGet();
            throw new SimulatedCrash("after packing " + uploadId);
        });
        archiver.start();
        fixture.sendWhole(upload);
        Await.until(WAIT, "crashed loop waiting to restart", () -> archiver.restartingAfter().isPresent());
        assertThat(archiver.restartingAfter()).containsInstanceOf(SimulatedCrash.class);
        assertThat(archiver.isRunning()).isTrue();
        assertThat(archiver.anyLoopThreadAlive()).isTrue();

        // when it is closed
        long startNanos = System.nanoTime();
        archiver.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - startNanos);

        // then close did not wait for the backoff (nor for its own patience, 2 Kafka timeouts), and no loop is left
        assertThat(closing).isLessThan(Duration.ofSeconds(10));
        assertThat(archiver.anyLoopThreadAlive()).isFalse();
        assertThat(archiver.restarts()).isZero();
        assertThat(crashes.get()).isEqualTo(1);
        assertThat(archiver.isRunning()).isFalse();
        assertThat(archiver.restartingAfter()).isEmpty();
    }

    @Test
    void loopFencedByASecondInstanceWithTheSameIdIsNotRestarted() {
        // given a running archiver that would restart a failed loop within 100 ms
        var first = fixture.archiver(quickRestarts("twin"), clock);
        first.start();
        var before = TestUpload.of("b", "before", 91, 10);
        fixture.sendWhole(before);
        fixture.awaitEvent(before.uploadId());

        // when a second archiver with the same instance id starts
        var second = fixture.archiver(quickRestarts("twin"), clock);
        second.start();

        // then the first one's loop is fenced and stays down for good, while the second one archives
        Await.until(WAIT, "first archiver fenced", () -> !first.isRunning());
        assertThat(ArchiveLoop.isFencing(first.failure().orElseThrow())).isTrue();
        assertThat(first.isFenced()).isTrue();
        assertThat(first.restartingAfter()).isEmpty();
        Await.until(WAIT, "fenced loop thread ended", () -> !first.anyLoopThreadAlive());
        assertThat(first.restarts()).isZero();
        var after = TestUpload.of("b", "after", 92, 10);
        fixture.sendWhole(after);
        fixture.awaitEvent(after.uploadId());
        assertThat(fixture.eventCount(before.manifest().versionId())).isEqualTo(1);
        assertThat(fixture.eventCount(after.manifest().versionId())).isEqualTo(1);
        assertThat(second.isRunning()).isTrue();
        assertThat(second.failure()).isEmpty();
        assertThat(second.isFenced()).isFalse();
    }

    private ArchiverConfig quickRestarts(String instanceId) {
        return fixture.config(instanceId, Map.of(ArchiverConfig.RESTART_BACKOFF.name(), "PT0.1S",
                ArchiverConfig.RESTART_BACKOFF_MAX.name(), "PT1S"));
    }
}
