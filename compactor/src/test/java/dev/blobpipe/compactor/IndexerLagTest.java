package dev.blobpipe.compactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.compactor.testing.CompactorFixture;
import dev.blobpipe.compactor.testing.PackedObjects;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.config.ConfigValues;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sweep never deletes what an event still in the topic names: while the indexer lags (PostgreSQL down, the
 * indexer's process down), a quiet segment whose commits are not in the catalog yet looks unreferenced, and deleting
 * it would lose acknowledged objects once those commits are applied.
 */
class IndexerLagTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = CompactorConfig.SEGMENT_MIN_AGE.defaultValue().plusMinutes(10);
    private static final String BUCKET = "logs";
    private static final String SEGMENT = "archiver-1-0-abcd1234-0";

    private final CompactorFixture fixture = new CompactorFixture();
    private final Compactor compactor = fixture.compactor(CompactorConfig.from(ConfigValues.empty()
            .with(CompactorConfig.INDEXER_WAIT.name(), "PT1S")));

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void quietSegmentWhoseCommitsAreNotIndexedYetIsKeptAndReadableOnceTheyAre() throws Exception {
        // given: a quiet segment whose commits are in the events topic, and no indexer applying them yet
        List<ObjectEvent.ObjectCommitted> packed = PackedObjects.pack(fixture.blobs(), SEGMENT, BUCKET,
                List.of("a.log", "b.log", "c.log"));
        fixture.events().publish(packed.toArray(ObjectEvent[]::new));
        String segment = packed.get(0).location().blobName();
        fixture.makeQuiet(segment, QUIET);

        // when
        SweepSummary behind = compactor.sweep();

        // then: nothing deleted, and the summary says why
        assertThat(behind.reclaimDeferred()).isTrue();
        assertThat(behind.segmentsDeleted()).isZero();
        assertThat(fixture.exists(segment)).isTrue();

        // when: the indexer catches up
        fixture.startIndexer();
        Await.until(WAIT, "the segment's commits indexed", () -> packed.stream().allMatch(event ->
                fixture.catalog().object(BUCKET, event.manifest().key()).isPresent()));
        SweepSummary caughtUp = compactor.sweep();

        // then: the segment is referenced, kept, and every object reads back
        assertThat(caughtUp.reclaimDeferred()).isFalse();
        assertThat(caughtUp.segmentsDeleted()).isZero();
        for (ObjectEvent.ObjectCommitted event : packed) {
            StoredObject stored = fixture.catalog().object(BUCKET, event.manifest().key()).orElseThrow();
            assertThat(fixture.read(stored.location()))
                    .isEqualTo(PackedObjects.payload(event.manifest().key(), event.versionId()));
        }
    }

    @Test
    void quietSegmentNothingNamesIsDeletedOnceTheIndexerHasAppliedEverything() throws Exception {
        // given: events the indexer applied, and a quiet segment none of them names
        fixture.startIndexer();
        var elsewhere = PackedObjects.pack(fixture.blobs(), "archiver-2-0-abcd1234-0", BUCKET, List.of("x.log"));
        fixture.events().publish(elsewhere.toArray(ObjectEvent[]::new));
        Await.until(WAIT, "the other segment's commit indexed",
                () -> fixture.catalog().object(BUCKET, "x.log").isPresent());
        var orphan = PackedObjects.pack(fixture.blobs(), "compactor-9-00000000-0", BUCKET, List.of("y.log"));
        String orphanSegment = orphan.get(0).location().blobName();
        fixture.makeQuiet(orphanSegment, QUIET);

        // when
        SweepSummary sweep = compactor.sweep();

        // then
        assertThat(sweep.reclaimDeferred()).isFalse();
        assertThat(sweep.segmentsDeleted()).isEqualTo(1);
        assertThat(fixture.exists(orphanSegment)).isFalse();
    }
}
