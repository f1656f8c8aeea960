package dev.blobpipe.catalog;

import static dev.blobpipe.catalog.testing.Events.bucketCreated;
import static dev.blobpipe.catalog.testing.Events.committed;
import static dev.blobpipe.catalog.testing.Events.completed;
import static dev.blobpipe.catalog.testing.Events.deleted;
import static dev.blobpipe.catalog.testing.Events.nextVersion;
import static dev.blobpipe.catalog.testing.Events.part;
import static dev.blobpipe.catalog.testing.Events.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.schemas.ObjectEvent.BucketDeleted;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObjectInBucketTest {
    private CatalogFixture fixture;
    private PostgresCatalog catalog;

    @BeforeEach
    void freshCatalog() {
        fixture = CatalogFixture.fresh();
        catalog = fixture.catalog();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void liveObjectComesWithItsBucketAsTheSeparateLookupsGiveThem() {
        VersionId version = nextVersion();
        fixture.apply(bucketCreated("b", nextVersion()), committed("b", "k", version));

        var found = catalog.objectInBucket("b", "k");

        assertThat(found.bucket()).isEqualTo(catalog.bucket("b")).isPresent();
        assertThat(found.object()).isEqualTo(catalog.object("b", "k")).isPresent();
        assertThat(found.newestVersion()).contains(version);
    }

    @Test
    void multipartObjectComesWithItsExtentsAndPartChecksums() {
        UploadId upload = UploadId.random();
        var first = part("b", "big", upload, 1, nextVersion());
        var second = part("b", "big", upload, 2, nextVersion());
        fixture.apply(bucketCreated("b", nextVersion()), started("b", "big", upload, nextVersion()), first, second,
                completed("b", "big", upload, nextVersion(), first, second));

        var object = catalog.objectInBucket("b", "big").object().orElseThrow();

        assertThat(object.extents()).hasSize(2);
        assertThat(object.checksumsOfPart(2)).containsEntry("CRC32", "AAAAAA==");
        assertThat(Optional.of(object)).isEqualTo(catalog.object("b", "big"));
    }

    @Test
    void unknownKeyOfLiveBucketHasNoVersions() {
        fixture.apply(bucketCreated("b", nextVersion()), committed("b", "other", nextVersion()));

        var found = catalog.objectInBucket("b", "k");

        assertThat(found.bucket()).isPresent();
        assertThat(found.object()).isEmpty();
        assertThat(found.newestVersion()).isEmpty();
    }

    @Test
    void deletedKeyHasNoObjectButItsDeleteIsTheNewestVersion() {
        fixture.apply(bucketCreated("b", nextVersion()), committed("b", "k", nextVersion()));
        VersionId delete = nextVersion();
        fixture.apply(deleted("b", "k", delete));

        var found = catalog.objectInBucket("b", "k");

        assertThat(found.bucket()).isPresent();
        assertThat(found.object()).isEmpty();
        assertThat(found.newestVersion()).contains(delete).isEqualTo(catalog.newestVersion("b", "k"));
    }

    @Test
    void keyOfADeletedBucketIsNotFoundWhateverRowsTheNameHolds() {
        fixture.apply(bucketCreated("gone", nextVersion()), committed("gone", "k", nextVersion()),
                deleted("gone", "k", nextVersion()), new BucketDeleted("gone", nextVersion()));

        assertThat(catalog.objectInBucket("gone", "k")).isEqualTo(ObjectInBucket.noBucket());
    }

    @Test
    void objectUnderANameThatNeverHeldABucketIsNotFound() {
        fixture.apply(committed("never", "k", nextVersion()));

        assertThat(catalog.objectInBucket("never", "k")).isEqualTo(ObjectInBucket.noBucket());
    }
}
