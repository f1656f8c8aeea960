package dev.blobpipe.catalog.internal;

import static dev.blobpipe.catalog.testing.Events.bucketCreated;
import static dev.blobpipe.catalog.testing.Events.committed;
import static dev.blobpipe.catalog.testing.Events.completed;
import static dev.blobpipe.catalog.testing.Events.corsRule;
import static dev.blobpipe.catalog.testing.Events.corsSet;
import static dev.blobpipe.catalog.testing.Events.deleted;
import static dev.blobpipe.catalog.testing.Events.nextVersion;
import static dev.blobpipe.catalog.testing.Events.part;
import static dev.blobpipe.catalog.testing.Events.started;
import static dev.blobpipe.catalog.testing.Events.tagsSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.schemas.CorsRule;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CorsAndTagsTest {
    private static final Map<String, String> UPLOAD_TAGS = Map.of("project", "blue", "tier", "hot");
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
    void corsRulesAreReadBackInTheirOrder() {
        CorsRule second = new CorsRule(null, List.of("*"), List.of("HEAD"), List.of(), List.of(), -1);
        CorsRule first = corsRule("app", "https://*.example.com");

        fixture.apply(corsSet("b", nextVersion(), first, second));

        assertThat(fixture.catalog().corsRules("b")).containsExactly(first, second);
        assertThat(fixture.catalog().corsRules("unknown")).isEmpty();
    }

    @Test
    void newerCorsSetReplacesTheRulesAndAnOlderOneArrivingLateIsIgnored() {
        VersionId first = nextVersion();
        VersionId older = nextVersion();
        VersionId newer = nextVersion();
        CorsRule replacement = corsRule("new", "https://new.example");

        var outcomes = fixture.apply(corsSet("b", first, corsRule("a", "https://a"), corsRule("b", "x")));
        outcomes.addAll(fixture.apply(corsSet("b", newer, replacement), corsSet("b", older, corsRule("o", "o"))));

        assertThat(outcomes).containsOnly(AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().corsRules("b")).containsExactly(replacement);
    }

    @Test
    void deletedCorsStaysDeletedWhenAnOlderSetArrivesLate() {
        VersionId older = nextVersion();
        fixture.apply(corsSet("b", nextVersion(), corsRule("a", "https://a")));

        fixture.apply(corsSet("b", nextVersion()), corsSet("b", older, corsRule("late", "https://late")));

        assertThat(fixture.catalog().corsRules("b")).isEmpty();
    }

    @Test
    void recreatedBucketDoesNotInheritTheCorsOfItsPredecessor() {
        fixture.apply(corsSet("b", nextVersion(), corsRule("a", "https://a")));

        fixture.apply(new ObjectEvent.BucketDeleted("b", nextVersion()), bucketCreated("b", nextVersion()));

        assertThat(fixture.catalog().corsRules("b")).isEmpty();
    }

    @Test
    void objectStartsWithTheTagsOfItsUpload() {
        fixture.apply(committed("b", "k", nextVersion(), UPLOAD_TAGS));

        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().metadata().tags())
                .isEqualTo(UPLOAD_TAGS);
    }

    @Test
    void tagSetReplacesTheTagsOfTheLiveVersionAndAnEmptyOneRemovesThem() {
        VersionId put = nextVersion();
        fixture.apply(committed("b", "k", put, UPLOAD_TAGS));

        var replaced = fixture.apply(tagsSet("b", "k", put, nextVersion(), Map.of("tier", "cold")));
        var replacedTags = fixture.catalog().object("b", "k").orElseThrow().manifest().metadata().tags();
        var removed = fixture.apply(tagsSet("b", "k", put, nextVersion(), Map.of()));

        assertThat(replaced).containsExactly(AppliedOutcome.APPLIED);
        assertThat(replacedTags).isEqualTo(Map.of("tier", "cold"));
        assertThat(removed).containsExactly(AppliedOutcome.APPLIED);
        var stored = fixture.catalog().object("b", "k").orElseThrow();
        assertThat(stored.manifest().metadata().tags()).isEmpty();
        assertThat(stored.manifest().versionId()).isEqualTo(put);
    }

    @Test
    void tagSetForASupersededOrDeletedVersionIsRejected() {
        VersionId first = nextVersion();
        VersionId second = nextVersion();
        fixture.apply(committed("b", "k", first, UPLOAD_TAGS), committed("b", "k", second, Map.of("v", "2")),
                committed("b", "gone", nextVersion()));
        VersionId goneVersion = fixture.catalog().object("b", "gone").orElseThrow().manifest().versionId();
        fixture.apply(deleted("b", "gone", nextVersion()));

        var outcomes = fixture.apply(tagsSet("b", "k", first, nextVersion(), Map.of("stale", "yes")),
                tagsSet("b", "gone", goneVersion, nextVersion(), Map.of("stale", "yes")),
                tagsSet("b", "never", nextVersion(), nextVersion(), Map.of("stale", "yes")));

        assertThat(outcomes).containsOnly(AppliedOutcome.REJECTED);
        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().metadata().tags())
                .isEqualTo(Map.of("v", "2"));
        assertThat(fixture.catalog().object("b", "never")).isEmpty();
    }

    @Test
    void olderTagSetArrivingLateIsIgnored() {
        VersionId put = nextVersion();
        fixture.apply(committed("b", "k", put, UPLOAD_TAGS));
        VersionId olderTags = nextVersion();
        VersionId newerTags = nextVersion();

        var outcomes = fixture.apply(tagsSet("b", "k", put, newerTags, Map.of("n", "new")),
                tagsSet("b", "k", put, olderTags, Map.of("o", "old")));

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED, AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().metadata().tags())
                .isEqualTo(Map.of("n", "new"));
    }

    @Test
    void overwriteResetsTheTagsToTheNewUploads() {
        VersionId put = nextVersion();
        fixture.apply(committed("b", "k", put, UPLOAD_TAGS), tagsSet("b", "k", put, nextVersion(), Map.of("x", "1")));

        fixture.apply(committed("b", "k", nextVersion(), Map.of("fresh", "upload")));

        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().metadata().tags())
                .isEqualTo(Map.of("fresh", "upload"));
        fixture.apply(committed("b", "k", nextVersion()));
        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().metadata().tags()).isEmpty();
    }

    @Test
    void multipartUploadKeepsItsTagsForTheCompletedObject() {
        UploadId upload = UploadId.random();
        VersionId start = nextVersion();
        var startedWithTags = new ObjectEvent.MultipartStarted(upload, "b", "k", start,
                Instant.ofEpochMilli(start.physicalMillis()),
                started("b", "k", upload, start).metadata().withTags(UPLOAD_TAGS));
        var part1 = part("b", "k", upload, 1, nextVersion());
        fixture.apply(startedWithTags, part1);
        var uploadMetadata = fixture.catalog().multipartUpload("b", upload).orElseThrow().metadata();
        var completion = completed("b", "k", upload, nextVersion(), part1);
        // as ingest does: the object's metadata is the upload's
        var withUploadMetadata = new ObjectEvent.MultipartCompleted(upload,
                new ObjectManifest("b", "k", completion.versionId(),
                        completion.manifest().sizeBytes(), 0, completion.manifest().md5Hex(),
                        completion.manifest().sha256Hex(), completion.manifest().lastModified(), uploadMetadata, null,
                        1), completion.extents());

        fixture.apply(withUploadMetadata);

        assertThat(uploadMetadata.tags()).isEqualTo(UPLOAD_TAGS);
        assertThat(fixture.catalog().object("b", "k").orElseThrow().manifest().metadata().tags())
                .isEqualTo(UPLOAD_TAGS);
    }
}
