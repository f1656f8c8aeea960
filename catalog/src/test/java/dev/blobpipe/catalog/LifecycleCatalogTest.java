package dev.blobpipe.catalog;

import static dev.blobpipe.catalog.testing.Events.bucketCreated;
import static dev.blobpipe.catalog.testing.Events.committedAt;
import static dev.blobpipe.catalog.testing.Events.deleted;
import static dev.blobpipe.catalog.testing.Events.expireAfter;
import static dev.blobpipe.catalog.testing.Events.lifecycleSet;
import static dev.blobpipe.catalog.testing.Events.nextVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.schemas.LifecycleRule;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.UploadId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lifecycle expirer's questions: buckets with rules, and what a rule selects, page by page. */
class LifecycleCatalogTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant OLD = NOW.minus(Duration.ofDays(40));
    private static final Instant YOUNG = NOW.minus(Duration.ofDays(2));
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(30));

    private CatalogFixture fixture;
    private LifecycleCatalog lifecycle;

    @BeforeEach
    void openCatalog() {
        fixture = CatalogFixture.fresh();
        lifecycle = new LifecycleCatalog(fixture.database());
        fixture.apply(bucketCreated("b", nextVersion()));
    }

    @AfterEach
    void closeCatalog() {
        fixture.close();
    }

    @Test
    void bucketsWithAnEnabledRuleAreListedWithAllTheirRulesPageByPage() {
        var disabled = new LifecycleRule("off", false, "", Map.of(), false, 1, 0);
        fixture.apply(bucketCreated("a", nextVersion()), bucketCreated("c", nextVersion()),
                bucketCreated("d", nextVersion()));
        fixture.apply(lifecycleSet("a", nextVersion(), expireAfter("x", "", 1), disabled),
                lifecycleSet("b", nextVersion(), disabled), lifecycleSet("c", nextVersion(), expireAfter("y", "", 2)),
                lifecycleSet("d", nextVersion(), expireAfter("z", "", 3)), lifecycleSet("d", nextVersion()));

        List<BucketLifecycle> first = lifecycle.bucketsWithRules("", 1);
        List<BucketLifecycle> second = lifecycle.bucketsWithRules("a", 5);

        assertThat(first).containsExactly(new BucketLifecycle("a", List.of(expireAfter("x", "", 1), disabled)));
        assertThat(second).containsExactly(new BucketLifecycle("c", List.of(expireAfter("y", "", 2))));
    }

    @Test
    void objectsUnderThePrefixModifiedBeforeTheCutoffComeInKeyOrderPageByPage() {
        // keys with LIKE's wildcards, a neighbour just past the prefix, a young one and a deleted one
        fixture.apply(old("logs/b"), old("logs/a"), old("logs/%"), old("logs/_x"), old("logs0"), old("other/a"),
                committedAt("b", "logs/young", nextVersion(), YOUNG, Map.of()), old("logs/gone"),
                deleted("b", "logs/gone", nextVersion()));

        List<String> keys = new ArrayList<>();
        String after = null;
        while (true) {
            List<ExpiringObject> page = lifecycle.objectsModifiedBefore("b", "logs/", Map.of(), CUTOFF, after, 2);
            page.forEach(object -> keys.add(object.key()));
            if (page.size() < 2) {
                break;
            }
            after = page.get(page.size() - 1).key();
        }

        assertThat(keys).containsExactly("logs/%", "logs/_x", "logs/a", "logs/b");
    }

    @Test
    void tagFilterSelectsOnlyObjectsCarryingEveryTag() {
        fixture.apply(committedAt("b", "both", nextVersion(), OLD, Map.of("keep", "short", "env", "dev")),
                committedAt("b", "one", nextVersion(), OLD, Map.of("keep", "short")),
                committedAt("b", "other", nextVersion(), OLD, Map.of("keep", "long", "env", "dev")),
                old("none"));

        List<ExpiringObject> selected = lifecycle.objectsModifiedBefore("b", "",
                Map.of("keep", "short", "env", "dev"), CUTOFF, null, 10);
        List<ExpiringObject> any = lifecycle.objectsModifiedBefore("b", "", Map.of(), CUTOFF, null, 10);

        assertThat(selected).extracting(ExpiringObject::key).containsExactly("both");
        assertThat(any).hasSize(4);
    }

    @Test
    void openUploadsUnderThePrefixInitiatedBeforeTheCutoffComePageByPage() {
        UploadId first = UploadId.random();
        UploadId second = UploadId.random();
        UploadId young = UploadId.random();
        UploadId elsewhere = UploadId.random();
        UploadId aborted = UploadId.random();
        fixture.apply(started("tmp/a", first, OLD), started("tmp/a", second, OLD.plusSeconds(1)),
                started("tmp/b", young, YOUNG), started("keep/a", elsewhere, OLD), started("tmp/c", aborted, OLD),
                new ObjectEvent.MultipartAborted(aborted, "b", "tmp/c", nextVersion()));

        List<MultipartUpload> page = lifecycle.uploadsInitiatedBefore("b", "tmp/", CUTOFF, null, 1);
        List<MultipartUpload> rest = lifecycle.uploadsInitiatedBefore("b", "tmp/", CUTOFF, page.get(0), 10);

        assertThat(page).extracting(MultipartUpload::uploadId).containsExactly(first);
        assertThat(rest).extracting(MultipartUpload::uploadId).containsExactly(second);
    }

    private static ObjectEvent.ObjectCommitted old(String key) {
        return committedAt("b", key, nextVersion(), OLD, Map.of());
    }

    private static ObjectEvent.MultipartStarted started(String key, UploadId upload, Instant initiated) {
        return new ObjectEvent.MultipartStarted(upload, "b", key, nextVersion(), initiated, ObjectMetadata.EMPTY);
    }
}
