package dev.blobpipe.catalog.internal;

import static dev.blobpipe.catalog.testing.Events.committed;
import static dev.blobpipe.catalog.testing.Events.completed;
import static dev.blobpipe.catalog.testing.Events.deleted;
import static dev.blobpipe.catalog.testing.Events.location;
import static dev.blobpipe.catalog.testing.Events.nextVersion;
import static dev.blobpipe.catalog.testing.Events.part;
import static dev.blobpipe.catalog.testing.Events.started;
import static dev.blobpipe.catalog.testing.Events.withCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import dev.blobpipe.schemas.WriteCondition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConditionalWriteTest {
    private static final WriteCondition IF_ABSENT = WriteCondition.ifNoneMatchAny();
    private static final String WRONG_ETAG = "\"ffffffffffffffffffffffffffffffff\"";
    private CatalogFixture fixture;

    @BeforeEach
    void openCatalog() {
        fixture = CatalogFixture.fresh();
    }

    @AfterEach
    void closeCatalog() {
        fixture.close();
    }

    @Test
    void racingIfNoneMatchWritesInOneBatchLetExactlyTheFirstApplied() {
        VersionId first = nextVersion();
        VersionId second = nextVersion();

        var outcomes = fixture.apply(committed("b", "k", first, IF_ABSENT), committed("b", "k", second, IF_ABSENT));

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED, AppliedOutcome.REJECTED);
        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().versionId()).isEqualTo(first);
        assertThat(fixture.deadBlobs()).singleElement().satisfies(dead -> {
            assertThat(dead.versionId()).isEqualTo(second);
            assertThat(dead.location()).isEqualTo(location(second));
        });
    }

    @Test
    void racingIfNoneMatchWritesInTwoBatchesLetTheFirstAppliedWinEvenIfItIsTheNewerVersion() {
        VersionId older = nextVersion();
        VersionId newer = nextVersion();

        var firstBatch = fixture.apply(committed("b", "k", newer, IF_ABSENT));
        var secondBatch = fixture.apply(committed("b", "k", older, IF_ABSENT));

        assertThat(firstBatch).containsExactly(AppliedOutcome.APPLIED);
        assertThat(secondBatch).containsExactly(AppliedOutcome.REJECTED);
        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().versionId()).isEqualTo(newer);
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::location).containsExactly(location(older));
    }

    @Test
    void ifNoneMatchPassesWhenTheKeysNewestVersionIsADelete() {
        fixture.apply(committed("b", "k", nextVersion()), deleted("b", "k", nextVersion()));
        VersionId put = nextVersion();

        var outcomes = fixture.apply(committed("b", "k", put, IF_ABSENT));

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().versionId()).isEqualTo(put);
    }

    @Test
    void replayedConditionalWriteIsAppliedAgainWithoutChanges() {
        var put = committed("b", "k", nextVersion(), IF_ABSENT);
        fixture.apply(put);

        var outcomes = fixture.apply(put);

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().versionId())
                .isEqualTo(put.versionId());
        assertThat(fixture.deadBlobs()).isEmpty();
    }

    @Test
    void ifMatchWithTheLiveEtagReplacesTheVersion() {
        VersionId old = nextVersion();
        fixture.apply(committed("b", "k", old));
        String etag = fixture.catalog().object("b", "k").orElseThrow().manifest().etag();
        VersionId put = nextVersion();

        var outcomes = fixture.apply(committed("b", "k", put, WriteCondition.ifMatch(etag)));

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().versionId()).isEqualTo(put);
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::versionId).containsExactly(old);
    }

    @Test
    void ifMatchWithAnotherEtagOrOnAMissingKeyIsRejectedAndChangesNothing() {
        VersionId old = nextVersion();
        fixture.apply(committed("b", "k", old));
        VersionId wrong = nextVersion();
        VersionId missing = nextVersion();

        var outcomes = fixture.apply(committed("b", "k", wrong, WriteCondition.ifMatch(WRONG_ETAG)),
                committed("b", "absent", missing, WriteCondition.ifMatch(WRONG_ETAG)));

        assertThat(outcomes).containsExactly(AppliedOutcome.REJECTED, AppliedOutcome.REJECTED);
        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().versionId()).isEqualTo(old);
        assertThat(fixture.catalog().newestVersion("b", "absent")).isEmpty();
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::location)
                .containsExactlyInAnyOrder(location(wrong), location(missing));
    }

    @Test
    void ifMatchComparesAgainstAMultipartObjectsPartCountEtag() {
        UploadId upload = UploadId.random();
        var part1 = part("b", "k", upload, 1, nextVersion());
        var part2 = part("b", "k", upload, 2, nextVersion());
        var completion = completed("b", "k", upload, nextVersion(), part1, part2);
        fixture.apply(started("b", "k", upload, nextVersion()), part1, part2, completion);
        String etag = completion.manifest().etag();
        String plainMd5 = "\"" + completion.manifest().md5Hex() + "\"";
        VersionId withoutPartCount = nextVersion();
        VersionId matching = nextVersion();

        var outcomes = fixture.apply(committed("b", "k", withoutPartCount, WriteCondition.ifMatch(plainMd5)),
                committed("b", "k", matching, WriteCondition.ifMatch(etag)));

        assertThat(etag).endsWith("-2\"");
        assertThat(outcomes).containsExactly(AppliedOutcome.REJECTED, AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().versionId()).isEqualTo(matching);
    }

    @Test
    void failedConditionalCompletionLeavesTheUploadOpenAndCompletableLater() {
        UploadId upload = UploadId.random();
        var part1 = part("b", "k", upload, 1, nextVersion());
        var part2 = part("b", "k", upload, 2, nextVersion());
        fixture.apply(started("b", "k", upload, nextVersion()), part1, part2);
        VersionId existing = nextVersion();
        fixture.apply(committed("b", "k", existing));
        var guarded = withCondition(completed("b", "k", upload, nextVersion(), part1, part2), IF_ABSENT);

        var rejected = fixture.apply(guarded);

        assertThat(rejected).containsExactly(AppliedOutcome.REJECTED);
        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().versionId()).isEqualTo(existing);
        assertThat(fixture.catalog().multipartUpload("b", upload)).isPresent();
        assertThat(fixture.catalog().parts(upload, 0, 10)).extracting(p -> p.location())
                .containsExactly(part1.location(), part2.location());
        assertThat(fixture.deadBlobs()).isEmpty();

        // and a later completion whose condition holds turns the same parts into the object
        String etag = fixture.catalog().object("b", "k").orElseThrow().manifest().etag();
        var later = withCondition(completed("b", "k", upload, nextVersion(), part1, part2),
                WriteCondition.ifMatch(etag));
        assertThat(fixture.apply(later)).containsExactly(AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().object("b", "k").orElseThrow().extents()).isEqualTo(later.extents());
        assertThat(fixture.catalog().multipartUpload("b", upload)).isEmpty();
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::versionId).containsExactly(existing);
    }

    @Test
    void conditionalCompletionOnAFreeKeyCompletesTheUpload() {
        UploadId upload = UploadId.random();
        var part1 = part("b", "k", upload, 1, nextVersion());
        fixture.apply(started("b", "k", upload, nextVersion()), part1);

        var outcomes = fixture.apply(withCondition(completed("b", "k", upload, nextVersion(), part1), IF_ABSENT));

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().partCount()).isEqualTo(1);
        assertThat(fixture.catalog().multipartUpload("b", upload)).isEmpty();
    }
}
