package dev.blobpipe.catalog;

import static dev.blobpipe.catalog.testing.Events.bucketCreated;
import static dev.blobpipe.catalog.testing.Events.committed;
import static dev.blobpipe.catalog.testing.Events.nextVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.internal.IndexerOffsetDao;
import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.catalog.testing.EventsTopic;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.embedded.testing.SharedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link IndexerCatchUp} against a real broker, a real catalog and the real indexer. */
class IndexerCatchUpTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration SHORT_WAIT = Duration.ofMillis(700);

    private final CatalogFixture fixture = CatalogFixture.fresh();
    private final EventsTopic topic = EventsTopic.create(1);
    private final IndexerCatchUp catchUp = new IndexerCatchUp(SharedKafka.bootstrapServers(), topic.name(),
            "catch-up-test");
    private final List<Long> seen = new ArrayList<>();
    private EventIndexer indexer;

    @AfterEach
    void close() {
        if (indexer != null) {
            indexer.close();
        }
        catchUp.close();
        topic.close();
        fixture.close();
    }

    @Test
    void emptyTopicIsCaughtUpWithoutAnIndexer() throws Exception {
        assertThat(catchUp.awaitApplied(fixture.database(), catchUp.endOffset(), SHORT_WAIT, seen::add)).isTrue();
    }

    @Test
    void eventsNoIndexerAppliedAreReportedOnceTheOffsetStandsStill() throws Exception {
        topic.publish(bucketCreated("logs", nextVersion()), committed("logs", "a", nextVersion()));

        long end = catchUp.endOffset();

        assertThat(end).isEqualTo(2);
        assertThat(catchUp.awaitApplied(fixture.database(), end, SHORT_WAIT, seen::add)).isFalse();
        assertThat(seen).containsExactly(0L);
    }

    @Test
    void waitsForTheIndexerUntilEveryEventBeforeTheEndIsInTheCatalog() throws Exception {
        topic.publish(bucketCreated("logs", nextVersion()), committed("logs", "a", nextVersion()));
        long end = catchUp.endOffset();

        startIndexer();

        assertThat(catchUp.awaitApplied(fixture.database(), end, WAIT, seen::add)).isTrue();
        assertThat(fixture.catalog().object("logs", "a")).isPresent();
        assertThat(seen).last().isEqualTo(end);
    }

    @Test
    void commitMarkerAfterTheLastAppliedEventCountsAsApplied() throws Exception {
        // given: events in a transaction, whose commit marker is the topic's last offset and never reaches a consumer
        topic.publishInTransaction(bucketCreated("logs", nextVersion()), committed("logs", "a", nextVersion()));
        // the coordinator writes the marker after the commit returns; until then the transaction is not stable
        long end = Await.value(WAIT, "commit marker written", () -> catchUp.endOffset() == 3 ? 3L : null);
        startIndexer();

        // when
        boolean applied = catchUp.awaitApplied(fixture.database(), end, WAIT, seen::add);

        // then: caught up, although the indexer's stored offset stops before the marker
        assertThat(applied).isTrue();
        assertThat(fixture.catalog().object("logs", "a")).isPresent();
        assertThat(storedOffset()).isEqualTo(end - 1);
    }

    @Test
    void appliedOffsetBelowTheLogStartIsNotCaughtUp() throws Exception {
        // given: a topic that may delete, whose first events are gone while the catalog's offset still points at them
        try (EventsTopic deleting = EventsTopic.create(1, Map.of("cleanup.policy", "compact,delete"));
             IndexerCatchUp probe = new IndexerCatchUp(SharedKafka.bootstrapServers(), deleting.name(),
                     "catch-up-test-deleting")) {
            deleting.publish(bucketCreated("logs", nextVersion()), committed("logs", "a", nextVersion()),
                    committed("logs", "b", nextVersion()));
            storeOffset(deleting.name(), 0);
            try (Admin admin = SharedKafka.admin()) {
                admin.deleteRecords(Map.of(new TopicPartition(deleting.name(), 0), RecordsToDelete.beforeOffset(2)))
                        .all().get();
            }

            // when
            boolean applied = probe.awaitApplied(fixture.database(), probe.endOffset(), SHORT_WAIT, seen::add);

            // then: the event at offset 2 was never applied
            assertThat(probe.beginningOffset()).isEqualTo(2);
            assertThat(applied).isFalse();
        }
    }

    private void storeOffset(String topicName, long nextOffset) {
        fixture.database().jdbi().useHandle(handle -> handle.execute(
                "INSERT INTO indexer_offsets (topic, partition, next_offset) VALUES (?, 0, ?)", topicName, nextOffset));
    }

    private void startIndexer() {
        var settings = new EventIndexer.Settings(SharedKafka.bootstrapServers(), topic.name(),
                "indexer-" + topic.name(), "1", Duration.ofMillis(100), Duration.ofSeconds(1));
        indexer = new EventIndexer(fixture.database(), settings);
        indexer.start();
    }

    private long storedOffset() {
        return fixture.database().jdbi().withExtension(IndexerOffsetDao.class,
                offsets -> offsets.nextOffset(topic.name(), 0)).orElseThrow();
    }
}
