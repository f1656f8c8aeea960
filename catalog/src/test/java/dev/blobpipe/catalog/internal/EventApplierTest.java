package dev.blobpipe.catalog.internal;

import static dev.blobpipe.catalog.testing.Events.bucketCreated;
import static dev.blobpipe.catalog.testing.Events.committed;
import static dev.blobpipe.catalog.testing.Events.deleted;
import static dev.blobpipe.catalog.testing.Events.location;
import static dev.blobpipe.catalog.testing.Events.nextVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectEvent.BucketDeleted;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventApplierTest {
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
    void committedObjectIsReadBackWithManifestAndLocation() {
        var metadata = new ObjectMetadata("image/png", "gzip", "attachment; filename=\"a b.png\"", "no-cache",
                "Thu, 01 Dec 2030 16:00:00 GMT", Map.of("owner", "ann \"the\" admin", "empty", ""),
                Map.of("CRC32C", "yZRlqg==", "SHA256", "abc="));
        VersionId version = nextVersion();
        var manifest = new ObjectManifest("photos", "2024/a b%_\u00e9.png", version, 12345, 1,
                "0123456789abcdef0123456789abcdef",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                Instant.parse("2024-05-06T07:08:09.123456789Z"), metadata);
        var location = new ObjectLocation("segments/000042", 4096, 12345);

        fixture.apply(new ObjectEvent.ObjectCommitted(UploadId.random(), manifest, location));

        StoredObject stored = fixture.catalog().object("photos", "2024/a b%_\u00e9.png").orElseThrow();
        assertThat(stored.location()).isEqualTo(location);
        assertThat(stored.manifest().metadata()).isEqualTo(metadata);
        assertThat(stored.manifest().lastModified()).isEqualTo(Instant.parse("2024-05-06T07:08:09.123456Z"));
        assertThat(stored.manifest()).usingRecursiveComparison().ignoringFields("lastModified").isEqualTo(manifest);
        assertThat(fixture.catalog().newestVersion("photos", "2024/a b%_\u00e9.png")).contains(version);
    }

    @Test
    void newerVersionReplacesTheOlderAndRecordsItsLocationDead() {
        VersionId older = nextVersion();
        VersionId newer = nextVersion();

        fixture.apply(committed("b", "k", older), committed("b", "k", newer));

        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().versionId()).isEqualTo(newer);
        assertThat(fixture.deadBlobs()).singleElement().satisfies(dead -> {
            assertThat(dead.versionId()).isEqualTo(older);
            assertThat(dead.location()).isEqualTo(location(older));
        });
    }

    @Test
    void olderVersionArrivingLateDoesNotOverwriteAndIsRecordedDead() {
        VersionId older = nextVersion();
        VersionId newer = nextVersion();

        fixture.apply(committed("b", "k", newer));
        var outcomes = fixture.apply(committed("b", "k", older));

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().versionId()).isEqualTo(newer);
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::versionId).containsExactly(older);
    }

    @Test
    void deleteTombstoneBlocksAnOlderPut() {
        VersionId put = nextVersion();
        VersionId delete = nextVersion();

        fixture.apply(deleted("b", "k", delete), committed("b", "k", put));

        assertThat(fixture.catalog().object("b", "k")).isEmpty();
        assertThat(fixture.catalog().newestVersion("b", "k")).contains(delete);
        assertThat(fixture.catalog().hasLiveObjects("b")).isFalse();
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::versionId).containsExactly(put);
    }

    @Test
    void deleteRecordsTheLiveLocationDead() {
        VersionId put = nextVersion();

        fixture.apply(committed("b", "k", put), deleted("b", "k", nextVersion()));

        assertThat(fixture.catalog().object("b", "k")).isEmpty();
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::location).containsExactly(location(put));
    }

    @Test
    void applyingTheSameEventsTwiceChangesNothing() {
        VersionId first = nextVersion();
        ObjectEvent[] batch = {committed("b", "k", first), committed("b", "k", nextVersion()),
            committed("b", "other", nextVersion()), deleted("b", "other", nextVersion())};

        fixture.apply(batch);
        var objectBefore = fixture.catalog().object("b", "k");
        var deadBefore = fixture.deadBlobs();
        fixture.apply(batch);

        assertThat(fixture.catalog().object("b", "k")).isEqualTo(objectBefore);
        assertThat(fixture.catalog().object("b", "other")).isEmpty();
        assertThat(fixture.deadBlobs()).isEqualTo(deadBefore).hasSize(2);
    }

    @Test
    void bucketDeleteOfNonEmptyBucketIsRejected() {
        fixture.apply(bucketCreated("full", nextVersion()), committed("full", "k", nextVersion()));

        var outcomes = fixture.apply(new BucketDeleted("full", nextVersion()));

        assertThat(outcomes).containsExactly(AppliedOutcome.REJECTED);
        assertThat(fixture.catalog().bucket("full")).isPresent();
    }

    @Test
    void bucketDeleteOfEmptyBucketLeavesATombstoneThatAnOlderCreateCannotUndo() {
        VersionId create = nextVersion();
        VersionId delete = nextVersion();
        fixture.apply(bucketCreated("gone", create), committed("gone", "k", nextVersion()),
                deleted("gone", "k", nextVersion()));

        var outcomes = fixture.apply(new BucketDeleted("gone", delete), bucketCreated("gone", create));

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED, AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().bucket("gone")).isEmpty();
        assertThat(fixture.catalog().buckets()).isEmpty();
        assertThat(fixture.catalog().newestBucketVersion("gone")).contains(delete);
    }

    @Test
    void newerCreateBringsADeletedBucketBackButLeavesALiveOneAlone() {
        VersionId first = nextVersion();
        fixture.apply(bucketCreated("b", first), new BucketDeleted("b", nextVersion()));
        VersionId again = nextVersion();

        fixture.apply(bucketCreated("b", again), bucketCreated("b", nextVersion()));

        assertThat(fixture.catalog().bucket("b").orElseThrow().createdAt())
                .isEqualTo(Instant.ofEpochMilli(again.physicalMillis()));
        assertThat(fixture.catalog().newestBucketVersion("b")).contains(again);
        assertThat(fixture.catalog().buckets()).extracting(info -> info.name()).containsExactly("b");
    }
}
