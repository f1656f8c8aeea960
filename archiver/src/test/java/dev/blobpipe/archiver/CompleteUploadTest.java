package dev.blobpipe.archiver;

import static dev.blobpipe.archiver.testing.ArchiverFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.archiver.testing.ArchiverFixture;
import dev.blobpipe.archiver.testing.TestUpload;
import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.blobstore.pack.PackSegmentScanner;
import dev.blobpipe.blobstore.pack.PackSegmentScanner.ScannedFrame;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.embedded.testing.MutableClock;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A small upload sent as one record (chunk and commit together) is archived like a chunk followed by its commit. */
class CompleteUploadTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    @AutoClose
    private final ArchiverFixture fixture = ArchiverFixture.onSharedKafka();

    @Test
    void singleRecordUploadIsPackedAndItsEventPublished() throws IOException {
        // given
        fixture.archiver("one-record", clock).start();
        var upload = TestUpload.of("logs", "small.log", 61, 4096);

        // when
        fixture.send(upload.complete());

        // then
        var event = fixture.awaitEvent(upload.uploadId());
        assertThat(event.manifest()).isEqualTo(upload.manifest());
        assertThat(BlobNames.isSegment(event.location().blobName())).isTrue();
        assertThat(fixture.sha256Of(event.location())).isEqualTo(upload.manifest().sha256Hex());
        assertThat(fixture.stagingExists(upload.uploadId())).isFalse();
        List<ScannedFrame> frames = new ArrayList<>();
        var summary = PackSegmentScanner.scan(fixture.store(), event.location().blobName(), frames::add);
        assertThat(summary.corruptPayloads()).isZero();
        assertThat(frames).singleElement().satisfies(frame -> {
            assertThat(frame.frame().key()).isEqualTo("small.log");
            assertThat(frame.payloadOffset()).isEqualTo(event.location().offset());
        });
    }

    @Test
    void singleRecordUploadWithBadCrcIsRejectedAndTheNextOneStillArchived() {
        // given
        fixture.archiver("one-record", clock).start();
        var corrupted = TestUpload.of("b", "corrupted", 62, 100);
        var next = TestUpload.of("b", "next", 63, 100);

        // when
        fixture.send(corrupted.corruptedComplete(), next.complete());

        // then
        fixture.awaitEvent(next.uploadId());
        assertThat(fixture.eventCount(corrupted.manifest().versionId())).isZero();
    }

    @Test
    void crashBetweenPackAndCommitRepacksTheSingleRecordUploadOnce() {
        // given an archiver that dies after packing a one-record upload, before its event's transaction commits
        var upload = TestUpload.of("b", "crash", 64, 4096);
        var first = fixture.archiverThatStaysDown("crashy", clock);
        first.afterPublish(uploadId -> {
            throw new SimulatedCrash("after packing " + uploadId);
        });
        first.start();
        fixture.send(upload.complete());
        Await.until(WAIT, "crashed loop stopped", () -> first.failure().isPresent());
        assertThat(first.failure()).containsInstanceOf(SimulatedCrash.class);
        // it stays down like a killed process: its restart would only be due in ten minutes
        first.close();
        assertThat(fixture.events()).isEmpty();

        // when its successor starts (same instance id: it fences the dead one's open transaction)
        fixture.archiver("crashy", clock).start();

        // then the upload is packed again and published exactly once
        var event = fixture.awaitEvent(upload.uploadId());
        assertThat(fixture.sha256Of(event.location())).isEqualTo(upload.manifest().sha256Hex());
        var marker = TestUpload.of("b", "marker", 65, 10);
        fixture.send(marker.complete());
        fixture.awaitEvent(marker.uploadId());
        assertThat(fixture.eventCount(upload.manifest().versionId())).isEqualTo(1);
    }

    @Test
    void restartReplaysTheOpenUploadAndDoesNotRepublishASingleRecordOneBehindIt() {
        // given a one-record upload between the chunks of an upload still open when the archiver stops
        var open = TestUpload.of("b", "open", 66, 1000, 1000, 1000);
        var small = TestUpload.of("b", "small", 67, 500);
        var first = fixture.archiver("restart", clock);
        first.start();
        fixture.send(open.chunk(0), small.complete(), open.chunk(1));
        fixture.awaitEvent(small.uploadId());
        Await.until(WAIT, "two chunks of the open upload staged",
                () -> fixture.blobSize(BlobNames.staging(open.uploadId().value())) == 2000);
        first.close();

        // when the rest of the open upload arrives and an archiver with the same instance id starts
        fixture.send(open.chunk(2), open.commit());
        fixture.archiver("restart", clock).start();

        // then the replay (from the open upload's first chunk) completes it and skips the one-record upload
        var event = fixture.awaitEvent(open.uploadId());
        assertThat(fixture.sha256Of(event.location())).isEqualTo(open.manifest().sha256Hex());
        var marker = TestUpload.of("b", "marker", 68, 10);
        fixture.send(marker.complete());
        fixture.awaitEvent(marker.uploadId());
        assertThat(fixture.eventCount(small.manifest().versionId())).isEqualTo(1);
        assertThat(fixture.eventCount(open.manifest().versionId())).isEqualTo(1);
    }
}
