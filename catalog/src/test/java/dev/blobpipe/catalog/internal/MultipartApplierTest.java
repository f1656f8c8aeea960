package dev.blobpipe.catalog.internal;

import static dev.blobpipe.catalog.testing.Events.aborted;
import static dev.blobpipe.catalog.testing.Events.committed;
import static dev.blobpipe.catalog.testing.Events.completed;
import static dev.blobpipe.catalog.testing.Events.deleted;
import static dev.blobpipe.catalog.testing.Events.location;
import static dev.blobpipe.catalog.testing.Events.nextVersion;
import static dev.blobpipe.catalog.testing.Events.part;
import static dev.blobpipe.catalog.testing.Events.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.blobpipe.catalog.PartInfo;
import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.schemas.Extent;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MultipartApplierTest {
    private static final String BUCKET = "b";
    private static final String KEY = "movie.mp4";
    private CatalogFixture fixture;
    private UploadId upload;

    @BeforeEach
    void openCatalog() {
        fixture = CatalogFixture.fresh();
        upload = UploadId.random();
    }

    @AfterEach
    void closeCatalog() {
        fixture.close();
    }

    @Test
    void startedUploadIsOpenWithItsMetadata() {
        var start = started(BUCKET, KEY, upload, nextVersion());

        var outcomes = fixture.apply(start, start);

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED, AppliedOutcome.APPLIED);
        var open = fixture.catalog().multipartUpload(BUCKET, upload).orElseThrow();
        assertThat(open.key()).isEqualTo(KEY);
        assertThat(open.versionId()).isEqualTo(start.versionId());
        assertThat(open.initiatedAt()).isEqualTo(start.initiatedAt());
        assertThat(open.metadata()).isEqualTo(start.metadata());
        assertThat(fixture.catalog().multipartUpload("other-bucket", upload)).isEmpty();
    }

    @Test
    void newestUploadOfAPartNumberWinsAndTheReplacedOneIsRecordedDead() {
        fixture.apply(started(BUCKET, KEY, upload, nextVersion()));
        VersionId older = nextVersion();
        VersionId newer = nextVersion();
        VersionId late = nextVersion();
        VersionId latest = nextVersion();

        var outcomes = fixture.apply(part(BUCKET, KEY, upload, 1, older), part(BUCKET, KEY, upload, 1, newer));
        fixture.apply(part(BUCKET, KEY, upload, 2, latest), part(BUCKET, KEY, upload, 2, late));

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED, AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().parts(upload, 0, 10)).extracting(PartInfo::location)
                .containsExactly(location(newer), location(latest));
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::location)
                .containsExactlyInAnyOrder(location(older), location(late));
    }

    @Test
    void partIsReadBackWithItsManifest() {
        fixture.apply(started(BUCKET, KEY, upload, nextVersion()));
        var part = part(BUCKET, KEY, upload, 7, nextVersion());

        fixture.apply(part);

        PartInfo info = fixture.catalog().parts(upload, 0, 10).get(0);
        assertThat(info.partNumber()).isEqualTo(7);
        assertThat(info.manifest()).isEqualTo(part.manifest());
        assertThat(info.location()).isEqualTo(part.location());
    }

    @Test
    void partOfUnknownUploadIsRejectedAndRecordedDead() {
        VersionId version = nextVersion();

        var outcomes = fixture.apply(part(BUCKET, KEY, upload, 1, version));

        assertThat(outcomes).containsExactly(AppliedOutcome.REJECTED);
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::location).containsExactly(location(version));
    }

    @Test
    void partOfAbortedUploadIsRejectedAndRecordedDead() {
        fixture.apply(started(BUCKET, KEY, upload, nextVersion()), aborted(BUCKET, KEY, upload, nextVersion()));
        VersionId version = nextVersion();

        var outcomes = fixture.apply(part(BUCKET, KEY, upload, 1, version));

        assertThat(outcomes).containsExactly(AppliedOutcome.REJECTED);
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::location).containsExactly(location(version));
    }

    @Test
    void partForAnotherKeyThanItsUploadIsRejected() {
        fixture.apply(started(BUCKET, KEY, upload, nextVersion()));

        var outcomes = fixture.apply(part(BUCKET, "other-key", upload, 1, nextVersion()));

        assertThat(outcomes).containsExactly(AppliedOutcome.REJECTED);
        assertThat(fixture.catalog().parts(upload, 0, 10)).isEmpty();
    }

    @Test
    void completionWithAStaleExtentIsRejectedAndChangesNothing() {
        fixture.apply(started(BUCKET, KEY, upload, nextVersion()));
        var stale = part(BUCKET, KEY, upload, 1, nextVersion());
        var second = part(BUCKET, KEY, upload, 2, nextVersion());
        fixture.apply(stale, second, part(BUCKET, KEY, upload, 1, nextVersion()));
        var deadBefore = fixture.deadBlobs();

        var outcomes = fixture.apply(completed(BUCKET, KEY, upload, nextVersion(), stale, second));

        assertThat(outcomes).containsExactly(AppliedOutcome.REJECTED);
        assertThat(fixture.catalog().object(BUCKET, KEY)).isEmpty();
        assertThat(fixture.catalog().multipartUpload(BUCKET, upload)).isPresent();
        assertThat(fixture.deadBlobs()).isEqualTo(deadBefore);
    }

    @Test
    void completionWithAMissingPartOrPartsOutOfOrderIsRejected() {
        fixture.apply(started(BUCKET, KEY, upload, nextVersion()));
        var first = part(BUCKET, KEY, upload, 1, nextVersion());
        var second = part(BUCKET, KEY, upload, 2, nextVersion());
        fixture.apply(first, second);

        var outcomes = fixture.apply(
                completed(BUCKET, KEY, upload, nextVersion(), second, first),
                completed(BUCKET, KEY, upload, nextVersion(), first, part(BUCKET, KEY, upload, 3, nextVersion())));

        assertThat(outcomes).containsExactly(AppliedOutcome.REJECTED, AppliedOutcome.REJECTED);
        assertThat(fixture.catalog().multipartUpload(BUCKET, upload)).isPresent();
    }

    @Test
    void completionMakesAnObjectOfTheChosenPartsAndRecordsTheOthersDead() {
        fixture.apply(started(BUCKET, KEY, upload, nextVersion()));
        var first = part(BUCKET, KEY, upload, 1, nextVersion());
        var unchosen = part(BUCKET, KEY, upload, 2, nextVersion());
        var third = part(BUCKET, KEY, upload, 3, nextVersion());
        fixture.apply(third, unchosen, first);
        var completion = completed(BUCKET, KEY, upload, nextVersion(), first, third);

        var outcomes = fixture.apply(completion);

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED);
        StoredObject stored = fixture.catalog().object(BUCKET, KEY).orElseThrow();
        assertThat(stored.location()).isNull();
        assertThat(stored.extents()).containsExactly(new Extent(1, first.location()), new Extent(3, third.location()));
        assertThat(stored.manifest()).usingRecursiveComparison().ignoringFields("lastModified")
                .isEqualTo(completion.manifest());
        assertThat(stored.manifest().partCount()).isEqualTo(2);
        assertThat(stored.manifest().etag()).endsWith("-2\"");
        assertThat(fixture.catalog().multipartUpload(BUCKET, upload)).isEmpty();
        assertThat(fixture.catalog().parts(upload, 0, 10)).isEmpty();
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::location)
                .containsExactly(unchosen.location());
    }

    @Test
    void completedObjectKeepsTheChecksumsEachChosenPartWasUploadedWith() {
        fixture.apply(started(BUCKET, KEY, upload, nextVersion()));
        var first = part(BUCKET, KEY, upload, 1, nextVersion(), Map.of("SHA256", "c2hhLW9uZQ=="));
        var unchosen = part(BUCKET, KEY, upload, 2, nextVersion(), Map.of("SHA256", "dW5jaG9zZW4="));
        var third = part(BUCKET, KEY, upload, 3, nextVersion(),
                Map.of("SHA256", "c2hhLXRocmVl", "CRC32", "Y3JjMw=="));
        var withoutChecksum = part(BUCKET, KEY, upload, 4, nextVersion(), Map.of());
        fixture.apply(first, unchosen, third, withoutChecksum);

        fixture.apply(completed(BUCKET, KEY, upload, nextVersion(), first, third, withoutChecksum));

        StoredObject stored = fixture.catalog().object(BUCKET, KEY).orElseThrow();
        assertThat(stored.partChecksums()).containsOnly(
                entry(1, Map.of("SHA256", "c2hhLW9uZQ==")),
                entry(3, Map.of("SHA256", "c2hhLXRocmVl", "CRC32", "Y3JjMw==")));
        assertThat(stored.checksumsOfPart(4)).isEmpty();
    }

    @Test
    void partChecksumsAreThoseOfThePartVersionTheCompletionChose() {
        fixture.apply(started(BUCKET, KEY, upload, nextVersion()));
        var replaced = part(BUCKET, KEY, upload, 1, nextVersion(), Map.of("CRC32C", "b2xkLQ=="));
        var current = part(BUCKET, KEY, upload, 1, nextVersion(), Map.of("CRC32C", "bmV3LQ=="));
        fixture.apply(replaced, current);

        fixture.apply(completed(BUCKET, KEY, upload, nextVersion(), current));

        assertThat(fixture.catalog().object(BUCKET, KEY).orElseThrow().checksumsOfPart(1))
                .isEqualTo(Map.of("CRC32C", "bmV3LQ=="));
    }

    @Test
    void replayedCompletionIsAppliedAgainWithoutChanges() {
        fixture.apply(started(BUCKET, KEY, upload, nextVersion()));
        var first = part(BUCKET, KEY, upload, 1, nextVersion());
        var unchosen = part(BUCKET, KEY, upload, 2, nextVersion());
        var completion = completed(BUCKET, KEY, upload, nextVersion(), first);
        fixture.apply(first, unchosen, completion);
        var objectBefore = fixture.catalog().object(BUCKET, KEY);
        var deadBefore = fixture.deadBlobs();

        var outcomes = fixture.apply(started(BUCKET, KEY, upload, nextVersion()), first, unchosen, completion);

        assertThat(outcomes).containsOnly(AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().object(BUCKET, KEY)).isEqualTo(objectBefore);
        assertThat(fixture.deadBlobs()).isEqualTo(deadBefore);
    }

    @Test
    void secondCompletionOfACompletedUploadIsRejected() {
        fixture.apply(started(BUCKET, KEY, upload, nextVersion()));
        var first = part(BUCKET, KEY, upload, 1, nextVersion());
        fixture.apply(first, completed(BUCKET, KEY, upload, nextVersion(), first));

        var outcomes = fixture.apply(completed(BUCKET, KEY, upload, nextVersion(), first));

        assertThat(outcomes).containsExactly(AppliedOutcome.REJECTED);
    }

    @Test
    void completionLosingToANewerPutRecordsItsExtentsDead() {
        fixture.apply(started(BUCKET, KEY, upload, nextVersion()));
        var first = part(BUCKET, KEY, upload, 1, nextVersion());
        var second = part(BUCKET, KEY, upload, 2, nextVersion());
        VersionId completionVersion = nextVersion();
        VersionId put = nextVersion();
        fixture.apply(first, second, committed(BUCKET, KEY, put));

        var outcomes = fixture.apply(completed(BUCKET, KEY, upload, completionVersion, first, second));

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().object(BUCKET, KEY).orElseThrow().location()).isEqualTo(location(put));
        assertThat(fixture.catalog().multipartUpload(BUCKET, upload)).isEmpty();
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::location)
                .containsExactlyInAnyOrder(first.location(), second.location());
    }

    @Test
    void newerPutOverAMultipartObjectRecordsItsExtentsDead() {
        var completion = completeTwoParts();
        VersionId put = nextVersion();

        fixture.apply(committed(BUCKET, KEY, put));

        assertThat(fixture.catalog().object(BUCKET, KEY).orElseThrow().location()).isEqualTo(location(put));
        assertThat(fixture.deadBlobs()).allSatisfy(dead -> assertThat(dead.versionId())
                .isEqualTo(completion.versionId()))
                .extracting(DeadBlobDao.DeadBlob::location).containsExactlyInAnyOrderElementsOf(locations(completion));
    }

    @Test
    void deleteOfAMultipartObjectRecordsItsExtentsDead() {
        var completion = completeTwoParts();

        fixture.apply(deleted(BUCKET, KEY, nextVersion()));

        assertThat(fixture.catalog().object(BUCKET, KEY)).isEmpty();
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::location)
                .containsExactlyInAnyOrderElementsOf(locations(completion));
    }

    @Test
    void newerCompletionOverAMultipartObjectRecordsTheOldExtentsDead() {
        var older = completeTwoParts();
        upload = UploadId.random();

        var newer = completeTwoParts();

        assertThat(fixture.catalog().object(BUCKET, KEY).orElseThrow().extents()).isEqualTo(newer.extents());
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::location)
                .containsExactlyInAnyOrderElementsOf(locations(older));
    }

    @Test
    void abortRecordsEveryPartDeadAndASecondAbortIsApplied() {
        fixture.apply(started(BUCKET, KEY, upload, nextVersion()));
        var first = part(BUCKET, KEY, upload, 1, nextVersion());
        var second = part(BUCKET, KEY, upload, 2, nextVersion());
        fixture.apply(first, second);

        var outcomes = fixture.apply(aborted(BUCKET, KEY, upload, nextVersion()),
                aborted(BUCKET, KEY, upload, nextVersion()));

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED, AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().multipartUpload(BUCKET, upload)).isEmpty();
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::location)
                .containsExactlyInAnyOrder(first.location(), second.location());
    }

    @Test
    void abortAfterCompletionOrOfAnUnknownUploadIsRejected() {
        var completion = completeTwoParts();
        var deadBefore = fixture.deadBlobs();

        var outcomes = fixture.apply(aborted(BUCKET, KEY, upload, nextVersion()),
                aborted(BUCKET, KEY, UploadId.random(), nextVersion()));

        assertThat(outcomes).containsExactly(AppliedOutcome.REJECTED, AppliedOutcome.REJECTED);
        assertThat(fixture.catalog().object(BUCKET, KEY).orElseThrow().extents()).isEqualTo(completion.extents());
        assertThat(fixture.deadBlobs()).isEqualTo(deadBefore);
    }

    @Test
    void completionOfAnAbortedUploadIsRejected() {
        fixture.apply(started(BUCKET, KEY, upload, nextVersion()));
        var first = part(BUCKET, KEY, upload, 1, nextVersion());
        fixture.apply(first, aborted(BUCKET, KEY, upload, nextVersion()));

        var outcomes = fixture.apply(completed(BUCKET, KEY, upload, nextVersion(), first));

        assertThat(outcomes).containsExactly(AppliedOutcome.REJECTED);
        assertThat(fixture.catalog().object(BUCKET, KEY)).isEmpty();
    }

    /** Starts {@link #upload}, uploads parts 1 and 2 and completes it with both. */
    private ObjectEvent.MultipartCompleted completeTwoParts() {
        fixture.apply(started(BUCKET, KEY, upload, nextVersion()));
        var first = part(BUCKET, KEY, upload, 1, nextVersion());
        var second = part(BUCKET, KEY, upload, 2, nextVersion());
        var completion = completed(BUCKET, KEY, upload, nextVersion(), first, second);
        assertThat(fixture.apply(first, second, completion)).containsOnly(AppliedOutcome.APPLIED);
        return completion;
    }

    private static List<ObjectLocation> locations(ObjectEvent.MultipartCompleted completion) {
        return completion.extents().stream().map(Extent::location).toList();
    }
}
