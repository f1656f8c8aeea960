package dev.blobpipe.compactor;

import static dev.blobpipe.compactor.testing.CompactorFixture.BLOB_BYTES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.catalog.testing.Events;
import dev.blobpipe.compactor.testing.CompactorFixture;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.UploadId;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dead blob collection on a real catalog and filesystem store: grace, aborts, shared blobs and idempotence. */
class DeadBlobCollectionTest {
    private static final Duration PAST_GRACE = CompactorConfig.GC_GRACE.defaultValue().plusMinutes(1);
    private static final String BUCKET = "photos";

    private CompactorFixture fixture;
    private Compactor compactor;

    @BeforeEach
    void setUp() {
        fixture = new CompactorFixture();
        compactor = fixture.compactor();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void overwrittenObjectsBlobIsDeletedAfterTheGracePeriodAndNotBefore() throws Exception {
        // given
        var first = Events.committed(BUCKET, "a.jpg", Events.nextVersion());
        var second = Events.committed(BUCKET, "a.jpg", Events.nextVersion());
        fixture.apply(first, second);

        // when
        SweepSummary early = compactor.sweep();
        fixture.clock().advance(PAST_GRACE);
        SweepSummary late = compactor.sweep();

        // then
        assertThat(early).isEqualTo(SweepSummary.NOTHING);
        assertThat(late).isEqualTo(new SweepSummary(1, BLOB_BYTES, 0, 0, false));
        assertThat(fixture.blobExists(first)).isFalse();
        assertThat(fixture.blobExists(second)).isTrue();
        assertThat(fixture.catalogFixture().deadBlobs()).isEmpty();
    }

    @Test
    void packSegmentIsNeverDeletedAndItsRipeDeadRowsAreDropped() throws Exception {
        // given an object alone in a pack segment (so its range covers the segment), then overwritten
        var inSegment = Events.committed(BUCKET, "c.jpg", Events.nextVersion());
        var packed = new ObjectEvent.ObjectCommitted(inSegment.uploadId(), inSegment.manifest(),
                new ObjectLocation(BlobNames.segment("archiver-1-0-abc-0"), 0, BLOB_BYTES));
        fixture.apply(packed, Events.committed(BUCKET, "c.jpg", Events.nextVersion()));

        // when
        fixture.clock().advance(PAST_GRACE);
        SweepSummary sweep = compactor.sweep();

        // then the segment stays for segment compaction (its writer may still append to it)
        assertThat(fixture.blobExists(packed)).isTrue();
        assertThat(sweep.blobsDeleted()).isZero();
        assertThat(fixture.catalogFixture().deadBlobs()).isEmpty();
    }

    @Test
    void deletedObjectsBlobIsDeletedAfterTheGracePeriodAndNotBefore() throws Exception {
        // given
        var object = Events.committed(BUCKET, "b.jpg", Events.nextVersion());
        fixture.apply(object, Events.deleted(BUCKET, "b.jpg", Events.nextVersion()));

        // when
        compactor.sweep();
        boolean existedWithinGrace = fixture.blobExists(object);
        fixture.clock().advance(PAST_GRACE);
        SweepSummary late = compactor.sweep();

        // then
        assertThat(existedWithinGrace).isTrue();
        assertThat(late.blobsDeleted()).isEqualTo(1);
        assertThat(fixture.blobExists(object)).isFalse();
    }

    @Test
    void abortedUploadsPartsAreDeletedAtTheNextSweepWithoutGrace() throws Exception {
        // given
        UploadId upload = UploadId.random();
        var partOne = Events.part(BUCKET, "video.mp4", upload, 1, Events.nextVersion());
        var partTwo = Events.part(BUCKET, "video.mp4", upload, 2, Events.nextVersion());
        fixture.apply(CompactorFixture.startedAt(BUCKET, "video.mp4", upload, fixture.clock().instant()), partOne,
                partTwo, Events.aborted(BUCKET, "video.mp4", upload, Events.nextVersion()));

        // when: the clock has not moved
        SweepSummary summary = compactor.sweep();

        // then
        assertThat(summary).isEqualTo(new SweepSummary(2, 2L * BLOB_BYTES, 0, 0, false));
        assertThat(fixture.blobExists(partOne)).isFalse();
        assertThat(fixture.blobExists(partTwo)).isFalse();
    }

    @Test
    void replacedPartOfAnOpenUploadWaitsForTheGracePeriod() throws Exception {
        // given: part 1 uploaded twice; the first upload's blob is dead, but a ListParts may just have named it
        UploadId upload = UploadId.random();
        var replaced = Events.part(BUCKET, "video.mp4", upload, 1, Events.nextVersion());
        var current = Events.part(BUCKET, "video.mp4", upload, 1, Events.nextVersion());
        fixture.apply(CompactorFixture.startedAt(BUCKET, "video.mp4", upload, fixture.clock().instant()), replaced,
                current);

        // when
        SweepSummary early = compactor.sweep();
        fixture.clock().advance(PAST_GRACE);
        SweepSummary late = compactor.sweep();

        // then
        assertThat(early.blobsDeleted()).isZero();
        assertThat(late.blobsDeleted()).isEqualTo(1);
        assertThat(fixture.blobExists(replaced)).isFalse();
        assertThat(fixture.blobExists(current)).isTrue();
    }

    @Test
    void blobSharedByACopyStaysWhileALiveVersionReferencesIt() throws Exception {
        // given: dst is a copy that references src's blob; src is deleted
        var source = Events.committed(BUCKET, "src", Events.nextVersion());
        fixture.apply(source);
        StoredObject stored = fixture.catalog().object(BUCKET, "src").orElseThrow();
        fixture.apply(Events.copied(stored, BUCKET, "dst", Events.nextVersion(), null),
                Events.deleted(BUCKET, "src", Events.nextVersion()));
        fixture.clock().advance(PAST_GRACE);

        // when
        SweepSummary whileCopyLives = compactor.sweep();

        // then: the blob stays, the dead row of src is dropped
        assertThat(whileCopyLives).isEqualTo(new SweepSummary(0, 0, 0, 1, false));
        assertThat(fixture.blobExists(source)).isTrue();
        assertThat(fixture.catalogFixture().deadBlobs()).isEmpty();

        // and when the copy is deleted too, its own dead row brings the blob back and it goes
        fixture.apply(Events.deleted(BUCKET, "dst", Events.nextVersion()));
        fixture.clock().advance(PAST_GRACE);
        assertThat(compactor.sweep().blobsDeleted()).isEqualTo(1);
        assertThat(fixture.blobExists(source)).isFalse();
    }

    @Test
    void blobWaitsWhileOneOfItsDeadRowsIsWithinGrace() throws Exception {
        // given: src overwritten long ago, but its copy dst died only now (a GET of dst may be in flight)
        var source = Events.committed(BUCKET, "src", Events.nextVersion());
        fixture.apply(source);
        StoredObject stored = fixture.catalog().object(BUCKET, "src").orElseThrow();
        fixture.apply(Events.copied(stored, BUCKET, "dst", Events.nextVersion(), null),
                Events.deleted(BUCKET, "src", Events.nextVersion()),
                Events.deleted(BUCKET, "dst", Events.nextVersion()));
        fixture.backdateDeadRows(source.versionId(), PAST_GRACE);

        // when
        SweepSummary summary = compactor.sweep();

        // then
        assertThat(summary).isEqualTo(SweepSummary.NOTHING);
        assertThat(fixture.blobExists(source)).isTrue();
        assertThat(fixture.catalogFixture().deadBlobs()).hasSize(2);
    }

    @Test
    void secondSweepChangesNothing() throws Exception {
        // given
        var first = Events.committed(BUCKET, "c.txt", Events.nextVersion());
        fixture.apply(first, Events.committed(BUCKET, "c.txt", Events.nextVersion()),
                Events.deleted(BUCKET, "c.txt", Events.nextVersion()));
        fixture.clock().advance(PAST_GRACE);
        assertThat(compactor.sweep().blobsDeleted()).isEqualTo(2);

        // when
        SweepSummary again = compactor.sweep();

        // then
        assertThat(again).isEqualTo(SweepSummary.NOTHING);
        assertThat(fixture.catalogFixture().deadBlobs()).isEmpty();
    }

    @Test
    void deadRowsOfABlobAlreadyGoneAreForgotten() throws Exception {
        // given: a crash after the delete, before the rows were forgotten, looks like this
        var first = Events.committed(BUCKET, "d.txt", Events.nextVersion());
        fixture.apply(first, Events.committed(BUCKET, "d.txt", Events.nextVersion()));
        Files.delete(fixture.blobRoot().resolve(first.location().blobName()));
        fixture.clock().advance(PAST_GRACE);

        // when
        SweepSummary summary = compactor.sweep();

        // then
        assertThat(summary).isEqualTo(SweepSummary.NOTHING);
        assertThat(fixture.catalogFixture().deadBlobs()).isEmpty();
    }
}
