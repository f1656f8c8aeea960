package dev.blobpipe.archiver;

import static dev.blobpipe.archiver.testing.ArchiverFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.archiver.testing.ArchiverFixture;
import dev.blobpipe.embedded.testing.MutableClock;
import dev.blobpipe.archiver.testing.TestUpload;
import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.schemas.ObjectLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The archiver against the embedded broker and a filesystem blob store: what it publishes and what it refuses. */
class ArchiverTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    @AutoClose
    private final ArchiverFixture fixture = ArchiverFixture.onSharedKafka();
    private Archiver archiver;

    @BeforeEach
    void startArchiver() {
        // packing off: these tests are about assembly in staging blobs, whose files show what the archiver has seen
        // (PackingTest covers small objects in segments)
        archiver = fixture.archiver(fixture.config("it", Map.of(ArchiverConfig.PACK_THRESHOLD.name(), "0")), clock);
        archiver.start();
    }

    @Test
    void committedUploadIsPublishedAsObjectEventWithIdenticalBytes() {
        // given an upload with a full 1 MiB chunk, a partial one and a tiny one
        var upload = TestUpload.of("photos", "2026/a.jpg", 1, 1 << 20, 300_000, 17);

        // when
        fixture.sendWhole(upload);

        // then
        var event = fixture.awaitEvent(upload.uploadId());
        assertThat(event.manifest()).isEqualTo(upload.manifest());
        assertThat(event.location()).isEqualTo(ObjectLocation.wholeBlob(BlobNames.object(upload.uploadId().value()),
                (1 << 20) + 300_017));
        assertThat(fixture.sha256Of(event.location())).isEqualTo(upload.manifest().sha256Hex());
        assertThat(fixture.stagingExists(upload.uploadId())).isFalse();
    }

    @Test
    void zeroByteUploadIsPublishedAsEmptyBlob() {
        var upload = TestUpload.of("logs", "empty.txt", 2);

        fixture.send(upload.commit());

        var event = fixture.awaitEvent(upload.uploadId());
        assertThat(event.location().lengthBytes()).isZero();
        assertThat(fixture.blobSize(event.location().blobName())).isZero();
        assertThat(event.manifest().sha256Hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void uploadWithBadCrcIsNotPublishedAndItsStagingIsDeleted() {
        var corrupted = TestUpload.of("b", "corrupted", 3, 1000, 2000, 3000);
        var later = TestUpload.of("b", "later", 4, 100);

        fixture.send(corrupted.chunk(0), corrupted.corruptedChunk(1), corrupted.chunk(2), corrupted.commit());
        fixture.sendWhole(later);

        // the later upload's event shows the archiver got past the corrupted one
        fixture.awaitEvent(later.uploadId());
        assertThat(fixture.eventCount(corrupted.manifest().versionId())).isZero();
        assertThat(fixture.stagingExists(corrupted.uploadId())).isFalse();
        assertThat(fixture.objectExists(corrupted.uploadId())).isFalse();
    }

    @Test
    void abortedUploadLeavesNoStaging() {
        var aborted = TestUpload.of("b", "aborted", 5, 1000, 1000);
        var later = TestUpload.of("b", "later", 6, 100);

        fixture.send(aborted.chunk(0), aborted.abort());
        fixture.sendWhole(later);

        fixture.awaitEvent(later.uploadId());
        assertThat(fixture.eventCount(aborted.manifest().versionId())).isZero();
        assertThat(fixture.stagingExists(aborted.uploadId())).isFalse();
        assertThat(fixture.objectExists(aborted.uploadId())).isFalse();
    }

    @Test
    void manifestWhoseSha256DoesNotMatchIsNotPublished() {
        var mismatched = TestUpload.of("b", "mismatched", 7, 4000);
        var later = TestUpload.of("b", "later", 8, 100);

        fixture.send(mismatched.chunk(0), mismatched.commitWithWrongSha256());
        fixture.sendWhole(later);

        fixture.awaitEvent(later.uploadId());
        assertThat(fixture.eventCount(mismatched.manifest().versionId())).isZero();
        assertThat(fixture.stagingExists(mismatched.uploadId())).isFalse();
        assertThat(fixture.objectExists(mismatched.uploadId())).isFalse();
    }

    @Test
    void uploadWithChunkOutOfSequenceIsNotPublished() {
        var skipping = TestUpload.of("b", "skipping", 9, 100, 100, 100);
        var later = TestUpload.of("b", "later", 10, 100);

        fixture.send(skipping.chunk(0), skipping.chunk(2), skipping.commit());
        fixture.sendWhole(later);

        fixture.awaitEvent(later.uploadId());
        assertThat(fixture.eventCount(skipping.manifest().versionId())).isZero();
        assertThat(fixture.stagingExists(skipping.uploadId())).isFalse();
    }

    @Test
    void idleUploadIsAbortedAfterTheTimeout() {
        // given an upload that stopped after its first chunk
        var idle = TestUpload.of("b", "idle", 11, 1000, 1000);
        fixture.send(idle.chunk(0));
        Await.until(WAIT, "staging blob of the idle upload", () -> fixture.stagingExists(idle.uploadId()));

        // when its idle timeout passes
        clock.advance(ArchiverFixture.IDLE_TIMEOUT.plus(Duration.ofSeconds(1)));

        // then its staging is dropped, and a late commit of it is ignored
        Await.until(WAIT, "staging blob of the idle upload deleted", () -> !fixture.stagingExists(idle.uploadId()));
        var later = TestUpload.of("b", "later", 12, 100);
        fixture.send(idle.chunk(1), idle.commit());
        fixture.sendWhole(later);
        fixture.awaitEvent(later.uploadId());
        assertThat(fixture.eventCount(idle.manifest().versionId())).isZero();
        assertThat(fixture.objectExists(idle.uploadId())).isFalse();
    }

    @Test
    void activeUploadIsNotAbortedWhileChunksKeepComing() {
        var slow = TestUpload.of("b", "slow", 13, 100, 100, 100);
        fixture.send(slow.chunk(0));
        Await.until(WAIT, "staging blob of the slow upload", () -> fixture.blobSize(
                BlobNames.staging(slow.uploadId().value())) == 100);

        clock.advance(ArchiverFixture.IDLE_TIMEOUT.minus(Duration.ofSeconds(1)));
        fixture.send(slow.chunk(1));
        Await.until(WAIT, "second chunk staged", () -> fixture.blobSize(
                BlobNames.staging(slow.uploadId().value())) == 200);
        clock.advance(ArchiverFixture.IDLE_TIMEOUT.minus(Duration.ofSeconds(1)));
        fixture.send(slow.chunk(2), slow.commit());

        var event = fixture.awaitEvent(slow.uploadId());
        assertThat(fixture.sha256Of(event.location())).isEqualTo(slow.manifest().sha256Hex());
    }

    @Test
    void archivedChunksAreDeletedFromKafkaButNotThoseOfOpenUploads() {
        // given a finished upload (offsets 0-2), an open one (3) and another finished one (4-5)
        var first = TestUpload.of("b", "first", 14, 100, 100);
        var open = TestUpload.of("b", "open", 15, 100, 100);
        var second = TestUpload.of("b", "second", 16, 100);
        fixture.sendWhole(first);
        fixture.send(open.chunk(0));
        fixture.sendWhole(second);

        // when both finished ones are archived
        fixture.awaitEvent(second.uploadId());

        // then the log starts at the open upload's first chunk
        Await.until(WAIT, "chunks log trimmed to offset 3", () -> fixture.chunksLogStartOffset() == 3);
    }
}
