package dev.blobpipe.compactor;

import static dev.blobpipe.catalog.testing.Events.bucketCreated;
import static dev.blobpipe.catalog.testing.Events.committedAt;
import static dev.blobpipe.catalog.testing.Events.expireAfter;
import static dev.blobpipe.catalog.testing.Events.lifecycleSet;
import static dev.blobpipe.catalog.testing.Events.nextVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.compactor.testing.CompactorFixture;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.schemas.LifecycleRule;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.UploadId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bucket lifecycle rules carried out by the compactor, through the events topic and the real indexer. */
class LifecycleExpiryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BUCKET = "archive";

    private CompactorFixture fixture;
    private Compactor compactor;

    @BeforeEach
    void setUp() {
        fixture = new CompactorFixture();
        compactor = fixture.compactor();
        fixture.startIndexer();
        fixture.apply(bucketCreated(BUCKET, nextVersion()));
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void objectsOlderThanTheRuleUnderItsPrefixExpireAndTheirBlobsAreCollectedAfterTheGrace() throws Exception {
        // given: a log archive keeping 30 days
        fixture.apply(lifecycleSet(BUCKET, nextVersion(), expireAfter("logs-30d", "logs/", 30)));
        var old = object("logs/2024-01-01.gz", daysAgo(31));
        var young = object("logs/2024-02-01.gz", daysAgo(10));
        var elsewhere = object("reports/2024-01-01.csv", daysAgo(90));
        var neighbour = object("logs0", daysAgo(90));

        // when
        SweepSummary expiring = compactor.sweep();
        Await.until(WAIT, "the expiry applied", () -> fixture.catalog().object(BUCKET, key(old)).isEmpty());
        SweepSummary withinGrace = compactor.sweep();
        fixture.clock().advance(CompactorConfig.defaults().gcGrace().plusMinutes(5));
        SweepSummary collecting = compactor.sweep();

        // then
        assertThat(expiring.objectsExpired()).isEqualTo(1);
        assertThat(withinGrace.blobsDeleted()).isZero();
        assertThat(collecting.blobsDeleted()).isEqualTo(1);
        assertThat(fixture.blobExists(old)).isFalse();
        for (var kept : new ObjectEvent.ObjectCommitted[] {young, elsewhere, neighbour}) {
            assertThat(fixture.catalog().object(BUCKET, key(kept))).as(key(kept)).isPresent();
            assertThat(fixture.blobExists(kept)).as(key(kept)).isTrue();
        }
    }

    @Test
    void tagFilterExpiresOnlyObjectsCarryingTheTags() throws Exception {
        // given: a backup bucket keeping objects tagged retention=short for 90 days
        fixture.apply(lifecycleSet(BUCKET, nextVersion(),
                new LifecycleRule("short", true, "", Map.of("retention", "short"), false, 90, 0)));
        var tagged = fixture.applied(committedAt(BUCKET, "db/monday.dump", nextVersion(), daysAgo(100),
                Map.of("retention", "short", "db", "main")));
        var untagged = object("db/tuesday.dump", daysAgo(100));
        var otherValue = fixture.applied(committedAt(BUCKET, "db/wednesday.dump", nextVersion(), daysAgo(100),
                Map.of("retention", "long")));

        // when
        SweepSummary summary = compactor.sweep();

        // then
        assertThat(summary.objectsExpired()).isEqualTo(1);
        Await.until(WAIT, "the expiry applied", () -> fixture.catalog().object(BUCKET, key(tagged)).isEmpty());
        assertThat(fixture.catalog().object(BUCKET, key(untagged))).isPresent();
        assertThat(fixture.catalog().object(BUCKET, key(otherValue))).isPresent();
    }

    @Test
    void incompleteUploadsPastDaysAfterInitiationUnderThePrefixAreAborted() throws Exception {
        // given: uploads under tmp/ are aborted after 2 days (the compactor's own expiry is 7 days)
        fixture.apply(lifecycleSet(BUCKET, nextVersion(),
                new LifecycleRule("tmp", true, "tmp/", Map.of(), false, 0, 2)));
        UploadId stale = UploadId.random();
        UploadId fresh = UploadId.random();
        UploadId elsewhere = UploadId.random();
        fixture.apply(CompactorFixture.startedAt(BUCKET, "tmp/a", stale, daysAgo(3)),
                CompactorFixture.startedAt(BUCKET, "tmp/b", fresh, Instant.now()),
                CompactorFixture.startedAt(BUCKET, "keep/a", elsewhere, daysAgo(3)));

        // when
        SweepSummary summary = compactor.sweep();

        // then
        assertThat(summary.uploadsExpired()).isEqualTo(1);
        assertThat(summary.objectsExpired()).isZero();
        Await.until(WAIT, "the abort applied", () -> fixture.catalog().multipartUpload(BUCKET, stale).isEmpty());
        assertThat(fixture.catalog().multipartUpload(BUCKET, fresh)).isPresent();
        assertThat(fixture.catalog().multipartUpload(BUCKET, elsewhere)).isPresent();
    }

    @Test
    void disabledRuleDoesNothing() throws Exception {
        // given: beside an enabled rule for another prefix, so the bucket itself is swept
        fixture.apply(lifecycleSet(BUCKET, nextVersion(),
                new LifecycleRule("off", false, "logs/", Map.of(), false, 1, 1), expireAfter("on", "other/", 1)));
        var old = object("logs/old.gz", daysAgo(400));
        UploadId upload = UploadId.random();
        fixture.apply(CompactorFixture.startedAt(BUCKET, "logs/part.gz", upload, daysAgo(3)));

        // when
        SweepSummary summary = compactor.sweep();

        // then
        assertThat(summary).isEqualTo(SweepSummary.NOTHING);
        assertThat(fixture.catalog().object(BUCKET, key(old))).isPresent();
        assertThat(fixture.catalog().multipartUpload(BUCKET, upload)).isPresent();
    }

    private ObjectEvent.ObjectCommitted object(String key, Instant lastModified) {
        return fixture.applied(committedAt(BUCKET, key, nextVersion(), lastModified, Map.of()));
    }

    private Instant daysAgo(int days) {
        return fixture.clock().instant().minus(Duration.ofDays(days));
    }

    private static String key(ObjectEvent.ObjectCommitted event) {
        return event.manifest().key();
    }
}
