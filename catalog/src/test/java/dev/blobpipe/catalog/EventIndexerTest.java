package dev.blobpipe.catalog;

import static dev.blobpipe.catalog.testing.Events.bucketCreated;
import static dev.blobpipe.catalog.testing.Events.committed;
import static dev.blobpipe.catalog.testing.Events.completed;
import static dev.blobpipe.catalog.testing.Events.deleted;
import static dev.blobpipe.catalog.testing.Events.nextVersion;
import static dev.blobpipe.catalog.testing.Events.part;
import static dev.blobpipe.catalog.testing.Events.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.catalog.VisibilityWaiter.Pending;
import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.catalog.testing.EventsTopic;
import dev.blobpipe.embedded.testing.SharedKafka;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import dev.blobpipe.schemas.WriteCondition;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventIndexerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private CatalogFixture fixture;
    private EventsTopic topic;
    private PostgresVisibilityWaiter waiter;
    private EventIndexer indexer;

    @BeforeEach
    void start() {
        fixture = CatalogFixture.fresh();
        topic = EventsTopic.create(3);
        waiter = new PostgresVisibilityWaiter(fixture.database(), Duration.ofMillis(500));
        indexer = startIndexer();
    }

    @AfterEach
    void stop() {
        indexer.close();
        waiter.close();
        topic.close();
        fixture.close();
    }

    @Test
    void publishedEventIsAppliedWhenItsWaiterCompletes() throws Exception {
        VersionId version = nextVersion();
        try (Pending pending = waiter.register(version)) {
            topic.publish(bucketCreated("photos", nextVersion()), committed("photos", "cat.jpg", version));

            assertThat(pending.await(WAIT)).isEqualTo(AppliedOutcome.APPLIED);
        }
        assertThat(fixture.catalog().object("photos", "cat.jpg")).isPresent();
        assertThat(fixture.catalog().bucket("photos")).isPresent();
    }

    @Test
    void bucketDeleteOfNonEmptyBucketIsReportedRejected() throws Exception {
        VersionId put = nextVersion();
        topic.publish(bucketCreated("full", nextVersion()), committed("full", "k", put));
        awaitApplied(put);
        VersionId delete = nextVersion();
        try (Pending pending = waiter.register(delete)) {
            topic.publish(new ObjectEvent.BucketDeleted("full", delete));

            assertThat(pending.await(WAIT)).isEqualTo(AppliedOutcome.REJECTED);
        }
        assertThat(fixture.catalog().bucket("full")).isPresent();
    }

    @Test
    void olderVersionsPublishedLaterDoNotOverwriteNewerOnes() throws Exception {
        VersionId oldPut = nextVersion();
        VersionId newPut = nextVersion();
        VersionId oldPutOfDeleted = nextVersion();
        VersionId delete = nextVersion();

        // different versions of one key land on different partitions (the record key includes the version)
        topic.publish(committed("b", "kept", newPut), deleted("b", "gone", delete));
        awaitApplied(newPut);
        awaitApplied(delete);
        topic.publish(committed("b", "kept", oldPut), committed("b", "gone", oldPutOfDeleted));
        awaitApplied(oldPut);
        awaitApplied(oldPutOfDeleted);

        assertThat(fixture.catalog().object("b", "kept").orElseThrow().manifest().versionId()).isEqualTo(newPut);
        assertThat(fixture.catalog().object("b", "gone")).isEmpty();
        assertThat(fixture.catalog().newestVersion("b", "gone")).contains(delete);
        assertThat(fixture.deadBlobs()).extracting(dead -> dead.versionId())
                .containsExactlyInAnyOrder(oldPut, oldPutOfDeleted);
    }

    @Test
    void restartResumesFromStoredOffsetsWithoutApplyingAnythingTwice() throws Exception {
        // given: a bucket delete that was rejected while the bucket held an object, which was deleted afterwards
        VersionId create = nextVersion();
        VersionId put = nextVersion();
        VersionId rejectedDelete = nextVersion();
        VersionId objectDelete = nextVersion();
        topic.publish(bucketCreated("b", create), committed("b", "k", put));
        awaitApplied(put);
        try (Pending pending = waiter.register(rejectedDelete)) {
            topic.publish(new ObjectEvent.BucketDeleted("b", rejectedDelete));
            assertThat(pending.await(WAIT)).isEqualTo(AppliedOutcome.REJECTED);
        }
        topic.publish(deleted("b", "k", objectDelete));
        awaitApplied(objectDelete);
        int deadBefore = fixture.deadBlobs().size();

        // when: a new indexer, in a group Kafka has no offsets for, takes over
        assertThat(indexer.isRunning()).isTrue();
        indexer.close();
        assertThat(indexer.isRunning()).isFalse();
        assertThat(indexer.failure()).isEmpty();
        indexer = startIndexer();
        VersionId marker = nextVersion();
        topic.publish(committed("other", "marker", marker));
        awaitApplied(marker);

        // then: replaying from the beginning would now apply the old bucket delete; positions came from PostgreSQL
        assertThat(fixture.catalog().bucket("b")).isPresent();
        assertThat(fixture.deadBlobs()).hasSize(deadBefore);
    }

    @Test
    void undecodableRecordIsSkippedAndLaterEventsApply() throws Exception {
        VersionId version = nextVersion();
        try (Pending pending = waiter.register(version)) {
            topic.publishGarbage();
            topic.publish(committed("b", "after-garbage", version));

            assertThat(pending.await(WAIT)).isEqualTo(AppliedOutcome.APPLIED);
        }
    }

    @Test
    void batchFailingInPostgresIsRetriedUntilItApplies() throws Exception {
        VersionId version = nextVersion();
        fixture.database().jdbi().useHandle(handle ->
                handle.execute("ALTER TABLE indexer_offsets RENAME TO indexer_offsets_away"));
        try (Pending pending = waiter.register(version)) {
            topic.publish(committed("b", "retried", version));
            assertThat(catchTimeout(pending)).isTrue();
            // retrying from the stored offsets is the indexer working as designed, not a stopped one
            assertThat(indexer.isRunning()).isTrue();

            fixture.database().jdbi().useHandle(handle ->
                    handle.execute("ALTER TABLE indexer_offsets_away RENAME TO indexer_offsets"));

            assertThat(pending.await(WAIT)).isEqualTo(AppliedOutcome.APPLIED);
        }
        assertThat(fixture.catalog().object("b", "retried")).isPresent();
    }

    @Test
    void multipartUploadAppliedThroughKafkaBecomesAnObjectOfItsExtents() throws Exception {
        UploadId upload = UploadId.random();
        var first = part("b", "movie", upload, 1, nextVersion());
        var replaced = part("b", "movie", upload, 2, nextVersion());
        var second = part("b", "movie", upload, 2, nextVersion());
        var completion = completed("b", "movie", upload, nextVersion(), first, second);
        // as ingest does: each step is published once the previous one is applied
        for (ObjectEvent step : List.of(started("b", "movie", upload, nextVersion()), first, replaced, second,
                completion)) {
            assertThat(publishAndAwait(step)).as("outcome of %s", step).isEqualTo(AppliedOutcome.APPLIED);
        }

        var latePart = publishAndAwait(part("b", "movie", upload, 3, nextVersion()));

        assertThat(latePart).isEqualTo(AppliedOutcome.REJECTED);
        StoredObject stored = fixture.catalog().object("b", "movie").orElseThrow();
        assertThat(stored.extents()).isEqualTo(completion.extents());
        assertThat(stored.manifest().partCount()).isEqualTo(2);
        assertThat(fixture.catalog().multipartUpload("b", upload)).isEmpty();
        assertThat(fixture.deadBlobs()).extracting(dead -> dead.versionId())
                .contains(replaced.versionId()).doesNotContain(first.versionId(), second.versionId());
    }

    @Test
    void racingIfNoneMatchWritesThroughKafkaLetExactlyOneApply() throws Exception {
        var first = committed("b", "race", nextVersion(), WriteCondition.ifNoneMatchAny());
        var second = committed("b", "race", nextVersion(), WriteCondition.ifNoneMatchAny());
        List<AppliedOutcome> outcomes;
        try (Pending firstPending = waiter.register(first.versionId());
                Pending secondPending = waiter.register(second.versionId())) {
            // both published before either is applied; they may land on different partitions, in either order
            topic.publish(second, first);
            outcomes = List.of(firstPending.await(WAIT), secondPending.await(WAIT));
        }

        assertThat(outcomes).containsExactlyInAnyOrder(AppliedOutcome.APPLIED, AppliedOutcome.REJECTED);
        var winner = outcomes.get(0) == AppliedOutcome.APPLIED ? first : second;
        var loser = winner == first ? second : first;
        assertThat(fixture.catalog().object("b", "race").orElseThrow().manifest().versionId())
                .isEqualTo(winner.versionId());
        assertThat(fixture.deadBlobs()).singleElement().satisfies(dead -> {
            assertThat(dead.versionId()).isEqualTo(loser.versionId());
            assertThat(dead.location()).isEqualTo(loser.location());
        });
    }

    private AppliedOutcome publishAndAwait(ObjectEvent event) throws Exception {
        try (Pending pending = waiter.register(event.versionId())) {
            topic.publish(event);
            return pending.await(WAIT);
        }
    }

    private static boolean catchTimeout(Pending pending) throws InterruptedException {
        try {
            pending.await(Duration.ofSeconds(2));
            return false;
        } catch (java.util.concurrent.TimeoutException e) {
            return true;
        }
    }

    private EventIndexer startIndexer() {
        var settings = new EventIndexer.Settings(SharedKafka.bootstrapServers(), topic.name(),
                "catalog-test-" + UUID.randomUUID(), "1", Duration.ofMillis(200), Duration.ofMillis(500));
        EventIndexer started = new EventIndexer(fixture.database(), settings);
        started.start();
        return started;
    }

    private void awaitApplied(VersionId version) throws Exception {
        // registering after publishing can miss the notice; the catalog row is the ground truth here
        dev.blobpipe.embedded.testing.Await.until(WAIT, "version " + version + " applied", () ->
                fixture.database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM (SELECT version_id FROM objects UNION ALL SELECT version_id FROM buckets
                                              UNION ALL SELECT version_id FROM dead_blobs) AS versions
                        WHERE version_id = :version
                        """).bind("version", version.toString()).mapTo(Long.class).one() > 0));
    }
}
