package dev.blobpipe.catalog.internal;

import static dev.blobpipe.catalog.testing.Events.bucketCreated;
import static dev.blobpipe.catalog.testing.Events.committed;
import static dev.blobpipe.catalog.testing.Events.deleted;
import static dev.blobpipe.catalog.testing.Events.expireAfter;
import static dev.blobpipe.catalog.testing.Events.expired;
import static dev.blobpipe.catalog.testing.Events.lifecycleSet;
import static dev.blobpipe.catalog.testing.Events.location;
import static dev.blobpipe.catalog.testing.Events.nextVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.schemas.LifecycleRule;
import dev.blobpipe.schemas.VersionId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lifecycle configurations (last writer wins per bucket) and the conditional delete of a lifecycle expiry. */
class LifecycleApplierTest {
    private CatalogFixture fixture;

    @BeforeEach
    void openCatalog() {
        fixture = CatalogFixture.fresh();
        fixture.apply(bucketCreated("b", nextVersion()));
    }

    @AfterEach
    void closeCatalog() {
        fixture.close();
    }

    @Test
    void lifecycleRulesAreReadBackInTheirOrder() {
        var tagged = new LifecycleRule("backups", false, "db/", Map.of("keep", "90d", "env", "prod"), false, 90, 2);
        var legacy = new LifecycleRule("", true, "tmp/", Map.of(), true, 1, 0);
        var logs = expireAfter("logs", "logs/", 30);

        fixture.apply(lifecycleSet("b", nextVersion(), logs, tagged, legacy));

        assertThat(fixture.catalog().lifecycleRules("b")).containsExactly(logs, tagged, legacy);
        assertThat(fixture.catalog().lifecycleRules("unknown")).isEmpty();
    }

    @Test
    void newerConfigurationReplacesTheRulesAndAnOlderOneArrivingLateIsIgnored() {
        VersionId first = nextVersion();
        VersionId older = nextVersion();
        VersionId newer = nextVersion();
        var replacement = expireAfter("new", "logs/", 7);

        var outcomes = fixture.apply(lifecycleSet("b", first, expireAfter("a", "a/", 1), expireAfter("b", "b/", 2)));
        outcomes.addAll(fixture.apply(lifecycleSet("b", newer, replacement),
                lifecycleSet("b", older, expireAfter("late", "", 1))));

        assertThat(outcomes).containsOnly(AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().lifecycleRules("b")).containsExactly(replacement);
    }

    @Test
    void deletedConfigurationStaysDeletedWhenAnOlderSetArrivesLate() {
        VersionId older = nextVersion();
        fixture.apply(lifecycleSet("b", nextVersion(), expireAfter("a", "", 1)));

        fixture.apply(lifecycleSet("b", nextVersion()), lifecycleSet("b", older, expireAfter("late", "", 1)));

        assertThat(fixture.catalog().lifecycleRules("b")).isEmpty();
    }

    @Test
    void recreatedBucketDoesNotInheritTheLifecycleOfItsPredecessor() {
        fixture.apply(lifecycleSet("b", nextVersion(), expireAfter("a", "", 1)));

        fixture.apply(new dev.blobpipe.schemas.ObjectEvent.BucketDeleted("b", nextVersion()),
                bucketCreated("b", nextVersion()));

        assertThat(fixture.catalog().lifecycleRules("b")).isEmpty();
    }

    @Test
    void expiryOfTheLiveVersionDeletesItAndRecordsItsBytesDead() {
        var object = committed("b", "logs/a.gz", nextVersion());
        fixture.apply(object);
        var expiry = expired("b", "logs/a.gz", object.versionId());

        var outcomes = fixture.apply(expiry);

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().object("b", "logs/a.gz")).isEmpty();
        assertThat(fixture.catalog().newestVersion("b", "logs/a.gz")).contains(expiry.versionId());
        assertThat(fixture.deadBlobs()).singleElement().satisfies(dead -> {
            assertThat(dead.location()).isEqualTo(location(object.versionId()));
            assertThat(dead.versionId()).isEqualTo(object.versionId());
        });
    }

    @Test
    void expiryAfterAnOverwriteIsRejectedAndTheNewVersionStays() {
        var old = committed("b", "logs/a.gz", nextVersion());
        fixture.apply(old);
        var expiry = expired("b", "logs/a.gz", old.versionId());
        var overwrite = committed("b", "logs/a.gz", nextVersion()); // applied between the query and the expiry

        var outcomes = fixture.apply(overwrite, expiry);

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED, AppliedOutcome.REJECTED);
        assertThat(fixture.catalog().object("b", "logs/a.gz")).hasValueSatisfying(
                live -> assertThat(live.manifest().versionId()).isEqualTo(overwrite.versionId()));
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::versionId)
                .containsExactly(old.versionId());
    }

    @Test
    void expiryOfADeletedKeyIsRejected() {
        var old = committed("b", "k", nextVersion());
        fixture.apply(old, deleted("b", "k", nextVersion()));

        assertThat(fixture.apply(expired("b", "k", old.versionId()))).containsExactly(AppliedOutcome.REJECTED);
    }

    @Test
    void sameExpiryAppliedTwiceChangesNothingMore() {
        var object = committed("b", "k", nextVersion());
        fixture.apply(object);
        var expiry = expired("b", "k", object.versionId());

        var outcomes = fixture.apply(expiry, expiry);

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED, AppliedOutcome.APPLIED);
        assertThat(fixture.deadBlobs()).hasSize(1);
    }
}
