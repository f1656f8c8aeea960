package dev.blobpipe.archiver;

import static dev.blobpipe.archiver.testing.ArchiverFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.archiver.testing.ArchiverFixture;
import dev.blobpipe.embedded.testing.MutableClock;
import dev.blobpipe.archiver.testing.TestUpload;
import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.blobstore.pack.PackSegmentScanner;
import dev.blobpipe.blobstore.pack.PackSegmentScanner.ScannedFrame;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.schemas.ObjectEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Small objects go into pack segments: one frame each, verifiable alone, durable before their events commit. */
class PackingTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    @AutoClose
    private final ArchiverFixture fixture = ArchiverFixture.onSharedKafka();

    @Test
    void smallUploadsShareOneSegmentAsIntactFrames() throws IOException {
        fixture.archiver("packer", clock).start();
        var uploads = List.of(TestUpload.of("logs", "a.log", 1, 100), TestUpload.of("logs", "b%_ü.log", 2, 5000),
                TestUpload.of("thumbs", "c.png", 3, 1 << 20));

        uploads.forEach(fixture::sendWhole);

        List<ObjectEvent.ObjectCommitted> events = uploads.stream()
                .map(upload -> fixture.awaitEvent(upload.uploadId())).toList();
        Set<String> segments = events.stream().map(event -> event.location().blobName()).collect(Collectors.toSet());
        assertThat(segments).hasSize(1).allMatch(BlobNames::isSegment);
        for (int i = 0; i < uploads.size(); i++) {
            assertThat(fixture.sha256Of(events.get(i).location())).isEqualTo(uploads.get(i).manifest().sha256Hex());
            assertThat(fixture.stagingExists(uploads.get(i).uploadId())).isFalse();
        }
        List<ScannedFrame> frames = new ArrayList<>();
        var summary = PackSegmentScanner.scan(fixture.store(), segments.iterator().next(), frames::add);
        assertThat(summary.tornTailBytes()).isZero();
        assertThat(summary.corruptPayloads()).isZero();
        assertThat(frames).extracting(frame -> frame.frame().key()).containsExactly("a.log", "b%_ü.log", "c.png");
        assertThat(frames).extracting(ScannedFrame::payloadOffset)
                .containsExactlyElementsOf(events.stream().map(event -> event.location().offset()).toList());
        assertThat(frames).extracting(frame -> frame.frame().versionId())
                .containsExactlyElementsOf(uploads.stream().map(u -> u.manifest().versionId().toString()).toList());
    }

    @Test
    void zeroByteUploadIsPackedAsAnEmptySlice() {
        fixture.archiver("packer", clock).start();
        var empty = TestUpload.of("logs", "empty.txt", 10);

        fixture.send(empty.commit());

        var event = fixture.awaitEvent(empty.uploadId());
        assertThat(event.location().lengthBytes()).isZero();
        assertThat(BlobNames.isSegment(event.location().blobName())).isTrue();
    }

    @Test
    void uploadAboveTheThresholdGetsABlobOfItsOwn() {
        fixture.archiver("packer", clock).start();
        var large = TestUpload.of("backups", "db.dump", 4, (1 << 20) + 1);

        fixture.sendWhole(large);

        var event = fixture.awaitEvent(large.uploadId());
        assertThat(event.location().blobName()).isEqualTo(BlobNames.object(large.uploadId().value()));
    }

    @Test
    void fullSegmentIsSealedAndANewOneStarted() {
        var config = fixture.config("sealer", Map.of(ArchiverConfig.PACK_SEGMENT_BYTES.name(),
                Integer.toString(64 << 10)));
        fixture.archiver(config, clock).start();
        var uploads = List.of(TestUpload.of("b", "1", 5, 30_000), TestUpload.of("b", "2", 6, 30_000),
                TestUpload.of("b", "3", 7, 30_000));

        uploads.forEach(fixture::sendWhole);

        List<String> segments = uploads.stream().map(upload -> fixture.awaitEvent(upload.uploadId()))
                .map(event -> event.location().blobName()).toList();
        assertThat(segments.get(0)).isEqualTo(segments.get(1));
        assertThat(segments.get(2)).isNotEqualTo(segments.get(0));
        assertThat(fixture.blobSize(segments.get(0))).isLessThanOrEqualTo(64 << 10);
    }

    @Test
    void idleSegmentIsSealedBeforeTheNextAppend() {
        fixture.archiver("idler", clock).start();
        var first = TestUpload.of("b", "1", 11, 100);
        fixture.sendWhole(first);
        String firstSegment = fixture.awaitEvent(first.uploadId()).location().blobName();

        clock.advance(ArchiverConfig.PACK_SEGMENT_IDLE.defaultValue().plusSeconds(1));
        var second = TestUpload.of("b", "2", 12, 100);
        fixture.sendWhole(second);

        assertThat(fixture.awaitEvent(second.uploadId()).location().blobName()).isNotEqualTo(firstSegment);
    }

    @Test
    void crashBetweenPackAndCommitRepacksIntoAFreshSegmentOnce() throws IOException {
        // given an archiver that dies after appending a frame, before the transaction with its event commits
        var upload = TestUpload.of("b", "crash", 8, 4096);
        var first = fixture.archiverThatStaysDown("crashy", clock);
        first.afterPublish(uploadId -> {
            throw new SimulatedCrash("after packing " + uploadId);
        });
        first.start();
        fixture.sendWhole(upload);
        Await.until(WAIT, "crashed loop stopped", () -> first.failure().isPresent());
        assertThat(first.failure()).containsInstanceOf(SimulatedCrash.class);
        // it stays down like a killed process: its restart would only be due in ten minutes
        first.close();
        String tornSegment = onlySegment();
        // and whose last frame was torn on its way to the disk
        tearTail(tornSegment);

        // when its successor starts
        fixture.archiver("crashy", clock).start();

        // then the object is packed again, into a segment of the successor's own, and published once
        var event = fixture.awaitEvent(upload.uploadId());
        assertThat(event.location().blobName()).isNotEqualTo(tornSegment);
        assertThat(fixture.sha256Of(event.location())).isEqualTo(upload.manifest().sha256Hex());
        var marker = TestUpload.of("b", "marker", 9, 10);
        fixture.sendWhole(marker);
        fixture.awaitEvent(marker.uploadId());
        assertThat(fixture.eventCount(upload.manifest().versionId())).isEqualTo(1);
        // and the torn segment scans as frames up to its torn tail, which nothing references
        var summary = PackSegmentScanner.scan(fixture.store(), tornSegment, frame -> { });
        assertThat(summary.tornTailBytes()).isPositive();
    }

    private String onlySegment() {
        List<String> segments = fixture.blobNames().stream().filter(BlobNames::isSegment).toList();
        assertThat(segments).hasSize(1);
        return segments.get(0);
    }

    /** Cuts the segment's last frame short, as a crash during its write could. */
    private void tearTail(String segment) throws IOException {
        Path path = fixture.blobPath(segment);
        try (var channel = java.nio.channels.FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 100);
            channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), channel.size());
        }
        assertThat(Files.size(path)).isPositive();
    }
}
