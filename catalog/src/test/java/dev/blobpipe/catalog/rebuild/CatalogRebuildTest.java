package dev.blobpipe.catalog.rebuild;

import static dev.blobpipe.catalog.testing.Events.bucketCreated;
import static dev.blobpipe.catalog.testing.Events.committed;
import static dev.blobpipe.catalog.testing.Events.committedAt;
import static dev.blobpipe.catalog.testing.Events.completed;
import static dev.blobpipe.catalog.testing.Events.copied;
import static dev.blobpipe.catalog.testing.Events.corsRule;
import static dev.blobpipe.catalog.testing.Events.corsSet;
import static dev.blobpipe.catalog.testing.Events.deleted;
import static dev.blobpipe.catalog.testing.Events.expireAfter;
import static dev.blobpipe.catalog.testing.Events.expired;
import static dev.blobpipe.catalog.testing.Events.lifecycleSet;
import static dev.blobpipe.catalog.testing.Events.nextVersion;
import static dev.blobpipe.catalog.testing.Events.part;
import static dev.blobpipe.catalog.testing.Events.started;
import static dev.blobpipe.catalog.testing.Events.tagsSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.catalog.CatalogConfig;
import dev.blobpipe.catalog.CatalogDatabase;
import dev.blobpipe.catalog.EventIndexer;
import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.catalog.admin.AdminConnection;
import dev.blobpipe.catalog.internal.IndexerOffsetDao;
import dev.blobpipe.catalog.testing.EventsTopic;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.embedded.testing.SharedKafka;
import dev.blobpipe.embedded.testing.SharedPostgres;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import dev.blobpipe.schemas.WriteCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A catalog rebuilt from the events topic alone has the rows of the catalog the normal indexer built from it, for a
 * history that exercises every order-dependent decision of the indexer.
 */
class CatalogRebuildTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> CATALOG_TABLES = List.of("buckets", "objects", "object_extents",
            "multipart_uploads", "multipart_parts", "bucket_cors", "bucket_cors_rules", "bucket_lifecycle",
            "bucket_lifecycle_rules", "dead_blobs");

    private String liveDatabase;
    private CatalogDatabase live;

    @BeforeEach
    void openLiveCatalog() {
        liveDatabase = SharedPostgres.freshDatabaseName();
        live = CatalogDatabase.open(SharedPostgres.server().dataSource(liveDatabase), 4);
    }

    @AfterEach
    void closeLiveCatalog() {
        live.close();
    }

    @Test
    void rebuiltCatalogHasTheRowsOfTheIndexedOneInEveryTable() throws Exception {
        try (EventsTopic topic = EventsTopic.create(1)) {
            // given: a history indexed by the normal indexer
            long published = publishHistory(topic);
            indexLive(topic, published);

            // when
            List<RebuildProgress> progress = new ArrayList<>();
            RebuildResult result = rebuild(topic).run(progress::add);

            // then
            assertThat(result.endOffset()).isEqualTo(published);
            assertThat(progress).last().satisfies(last -> assertThat(last.done()).isEqualTo(last.total()));
            ComparisonReport report = new CatalogComparison(live.jdbi(), rebuilt(result), 10).compare();
            assertThat(report.tables()).extracting(TableComparison::table).containsAll(CATALOG_TABLES);
            assertThat(report.tables()).filteredOn(table -> CATALOG_TABLES.contains(table.table()))
                    .allSatisfy(table -> assertThat(table.liveRows()).as(table.table()).isPositive());
            assertThat(report.tables()).allSatisfy(table ->
                    assertThat(table.identical()).as(table.summary() + " " + table.firstDifferences()).isTrue());
            assertThat(report.sameOffsets()).isTrue();
        }
    }

    @Test
    void rebuildFromACompactedTopicStillHasTheRowsOfTheIndexedOne() throws Exception {
        // segments roll after 10 ms of record time and the cleaner takes any of them: it runs within its backoff (15 s)
        var busyCleaner = Map.of("segment.ms", "10", "min.cleanable.dirty.ratio", "0.01",
                "min.compaction.lag.ms", "0", "delete.retention.ms", "0");
        try (EventsTopic topic = EventsTopic.create(1, busyCleaner)) {
            // given: a history whose first event is published again at its end (as an archiver replay would), so the
            // cleaner has one record to remove: keys are unique per version, nothing else is superseded
            var duplicated = committed("docs", "replayed.txt", nextVersion());
            topic.publish(duplicated);
            long published = 1 + publishHistory(topic);
            topic.publish(duplicated);
            // a later record time rolls the segment, so the second copy is in a cleanable one (not the active one)
            topic.publishAt(Instant.now().plusSeconds(10), bucketCreated("rolled", nextVersion()));
            published += 2;
            indexLive(topic, published);
            Await.until(Duration.ofSeconds(90), "the log cleaner to remove the first copy at offset 0",
                    () -> firstOffset(topic) > 0);

            // when
            RebuildResult result = rebuild(topic).run(progress -> { });

            // then
            ComparisonReport report = new CatalogComparison(live.jdbi(), rebuilt(result), 10).compare();
            assertThat(report.tables()).allSatisfy(table ->
                    assertThat(table.identical()).as(table.summary() + " " + table.firstDifferences()).isTrue());
        }
    }

    @Test
    void comparisonNamesARowTheRebuildLacksAndAChangedColumn() throws Exception {
        try (EventsTopic topic = EventsTopic.create(1)) {
            // given: a rebuilt catalog, then a live catalog that differs from it in one object and one bucket
            long published = publishHistory(topic);
            indexLive(topic, published);
            RebuildResult result = rebuild(topic).run(progress -> { });
            live.jdbi().useHandle(handle -> {
                handle.execute("UPDATE objects SET size_bytes = size_bytes + 1 WHERE key = 'docs/a.txt'");
                handle.execute("INSERT INTO buckets (name, version_id) VALUES ('zz-only-live', 'v')");
            });

            // when
            ComparisonReport report = new CatalogComparison(live.jdbi(), rebuilt(result), 10).compare();

            // then
            assertThat(report.equal()).isFalse();
            TableComparison objects = table(report, "objects");
            assertThat(objects.changed()).isEqualTo(1);
            assertThat(objects.firstDifferences()).singleElement().asString()
                    .contains("key=docs/a.txt").contains("size_bytes live=12 rebuilt=11");
            TableComparison buckets = table(report, "buckets");
            assertThat(buckets.onlyLive()).isEqualTo(1);
            assertThat(buckets.firstDifferences()).singleElement().asString().contains("name=zz-only-live");
            assertThat(table(report, "dead_blobs").excludedColumns()).containsExactly("recorded_at");
        }
    }

    @Test
    void rebuildRefusesAnEventsTopicWithSeveralPartitions() {
        try (EventsTopic topic = EventsTopic.create(2)) {
            topic.publish(bucketCreated("b", nextVersion()));

            assertThatThrownBy(() -> rebuild(topic).run(progress -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("2 partitions");
        }
    }

    /** Publishes the history and returns how many records it took. */
    private static long publishHistory(EventsTopic topic) {
        List<ObjectEvent> events = new ArrayList<>();
        String bucket = "docs";
        events.add(bucketCreated(bucket, nextVersion()));
        events.add(bucketCreated("empty-then-gone", nextVersion()));
        events.add(new ObjectEvent.BucketDeleted("empty-then-gone", nextVersion()));

        // overwrites, a delete, a rejected bucket delete (not empty)
        events.add(committed(bucket, "docs/a.txt", nextVersion()));
        var second = committed(bucket, "docs/a.txt", nextVersion());
        events.add(second);
        events.add(committed(bucket, "docs/gone.txt", nextVersion()));
        events.add(deleted(bucket, "docs/gone.txt", nextVersion()));
        events.add(new ObjectEvent.BucketDeleted(bucket, nextVersion()));

        // conditional writes: If-None-Match on an existing key is rejected, If-Match with the live ETag applies
        events.add(committed(bucket, "docs/a.txt", nextVersion(), WriteCondition.ifNoneMatchAny()));
        events.add(committed(bucket, "docs/new.txt", nextVersion(), WriteCondition.ifNoneMatchAny()));
        String etag = second.manifest().etag();
        var matched = committed(bucket, "docs/matched.txt", nextVersion());
        events.add(matched);
        events.add(committed(bucket, "docs/matched.txt", nextVersion(), WriteCondition.ifMatch(etag)));
        events.add(committed(bucket, "docs/matched.txt", nextVersion(), WriteCondition.ifMatch("\"nope\"")));

        // a copy of the live object, tags on the live version and on a superseded one (not applied)
        events.add(copied(new StoredObject(second.manifest(), second.location()), bucket, "docs/copy.txt",
                nextVersion(), null));
        events.add(tagsSet(bucket, "docs/a.txt", second.manifest().versionId(), nextVersion(), Map.of("team", "x")));
        var overwritten = committed(bucket, "docs/tagged-late.txt", nextVersion());
        events.add(overwritten);
        events.add(committed(bucket, "docs/tagged-late.txt", nextVersion()));
        events.add(tagsSet(bucket, "docs/tagged-late.txt", overwritten.manifest().versionId(), nextVersion(),
                Map.of("team", "y")));

        // multipart: a part uploaded twice (the first becomes dead), a completion, an abort, an upload left open
        var upload = UploadId.random();
        events.add(started(bucket, "video.mp4", upload, nextVersion()));
        var part1 = part(bucket, "video.mp4", upload, 1, nextVersion());
        events.add(part1);
        events.add(part(bucket, "video.mp4", upload, 2, nextVersion()));
        var part2 = part(bucket, "video.mp4", upload, 2, nextVersion());
        events.add(part2);
        events.add(completed(bucket, "video.mp4", upload, nextVersion(), part1, part2));
        var aborted = UploadId.random();
        events.add(started(bucket, "abandoned.mp4", aborted, nextVersion()));
        events.add(part(bucket, "abandoned.mp4", aborted, 1, nextVersion()));
        events.add(new ObjectEvent.MultipartAborted(aborted, bucket, "abandoned.mp4", nextVersion()));
        var open = UploadId.random();
        events.add(started(bucket, "still-open.mp4", open, nextVersion()));
        events.add(part(bucket, "still-open.mp4", open, 1, nextVersion()));

        // CORS and lifecycle, each set twice (last writer wins), and a lifecycle expiry of a live and of a dead version
        events.add(corsSet(bucket, nextVersion(), corsRule("old", "https://old.example")));
        events.add(corsSet(bucket, nextVersion(), corsRule("web", "https://example.com"),
                corsRule("admin", "https://admin.example.com")));
        events.add(lifecycleSet(bucket, nextVersion(), expireAfter("old", "tmp/", 1)));
        events.add(lifecycleSet(bucket, nextVersion(), expireAfter("logs", "logs/", 30)));
        VersionId logVersion = nextVersion();
        events.add(committedAt(bucket, "logs/old.log", logVersion, Instant.parse("2020-01-01T00:00:00Z"), Map.of()));
        events.add(expired(bucket, "logs/old.log", logVersion));
        events.add(expired(bucket, "logs/old.log", logVersion)); // second expiry: REJECTED

        // compaction moves: one where the range is still live, one after an overwrite (REJECTED)
        var packed = committed(bucket, "small.txt", nextVersion());
        events.add(packed);
        events.add(new ObjectEvent.ObjectMoved(bucket, "small.txt", nextVersion(), packed.location(),
                new ObjectLocation("segments/compacted-1", 0, 11)));
        var movedLate = committed(bucket, "moved-late.txt", nextVersion());
        events.add(movedLate);
        events.add(committed(bucket, "moved-late.txt", nextVersion()));
        events.add(new ObjectEvent.ObjectMoved(bucket, "moved-late.txt", nextVersion(), movedLate.location(),
                new ObjectLocation("segments/compacted-1", 11, 11)));

        topic.publish(events.toArray(ObjectEvent[]::new));
        return events.size();
    }

    private void indexLive(EventsTopic topic, long published) {
        var settings = new EventIndexer.Settings(SharedKafka.bootstrapServers(), topic.name(), "live-" + topic.name(),
                "1", Duration.ofMillis(100), Duration.ofSeconds(1));
        try (EventIndexer indexer = new EventIndexer(live, settings)) {
            indexer.start();
            Await.until(WAIT, "live indexer applied " + published + " events", () -> live.jdbi()
                    .withExtension(IndexerOffsetDao.class, offsets -> offsets.nextOffset(topic.name(), 0))
                    .orElse(0L) == published);
        }
    }

    /** The offset of the first record a reader from the beginning gets: above 0 once the cleaner removed record 0. */
    private static long firstOffset(EventsTopic topic) {
        var partition = new TopicPartition(topic.name(), 0);
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            var records = consumer.poll(Duration.ofSeconds(5));
            return records.isEmpty() ? -1 : records.iterator().next().offset();
        }
    }

    private static CatalogRebuild rebuild(EventsTopic topic) {
        String name = "rebuild_" + UUID.randomUUID().toString().replace("-", "");
        var server = CatalogConfig.Values.defaults(SharedPostgres.jdbcUrl("postgres"), "postgres", "");
        return new CatalogRebuild(new CatalogRebuild.Settings(SharedKafka.bootstrapServers(), topic.name(), server,
                name, WAIT));
    }

    private static Jdbi rebuilt(RebuildResult result) {
        return AdminConnection.open(CatalogConfig.Values.defaults(result.jdbcUrl(), "postgres", ""));
    }

    private static TableComparison table(ComparisonReport report, String name) {
        return report.tables().stream().filter(table -> table.table().equals(name)).findFirst().orElseThrow();
    }
}
