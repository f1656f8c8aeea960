package dev.blobpipe.compactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.GarbageCatalog;
import dev.blobpipe.catalog.testing.Events;
import dev.blobpipe.compactor.testing.CompactorFixture;
import dev.blobpipe.schemas.ObjectEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Only one sweep at a time: the advisory lock across compactors (processes) sharing a catalog. */
class SweepLockTest {
    private static final Duration PAST_GRACE = CompactorConfig.GC_GRACE.defaultValue().plusMinutes(1);
    private static final String BUCKET = "logs";
    private static final int GARBAGE_BLOBS = 40;

    private CompactorFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new CompactorFixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void sweepDoesNothingWhileAnotherSweepHoldsTheLock() throws Exception {
        // given
        List<ObjectEvent.ObjectCommitted> dead = overwrittenObjects(1);
        Compactor compactor = fixture.compactor();
        var garbage = new GarbageCatalog(fixture.catalogFixture().database());

        // when
        SweepSummary whileLocked;
        try (GarbageCatalog.SweepLock held = garbage.tryLockSweep().orElseThrow()) {
            whileLocked = compactor.sweep();
        }
        SweepSummary afterwards = compactor.sweep();

        // then
        assertThat(whileLocked).isEqualTo(SweepSummary.SKIPPED);
        assertThat(afterwards.blobsDeleted()).isEqualTo(1);
        assertThat(fixture.blobExists(dead.get(0))).isFalse();
    }

    @Test
    void concurrentSweepsDeleteEachBlobOnce() throws Exception {
        // given: two compactors, as in two processes, and many dead blobs
        List<ObjectEvent.ObjectCommitted> dead = overwrittenObjects(GARBAGE_BLOBS);
        List<Compactor> compactors = List.of(fixture.compactor(), fixture.compactor());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        var go = new CountDownLatch(1);

        // when
        List<Future<SweepSummary>> sweeps = new ArrayList<>();
        try {
            for (Compactor compactor : compactors) {
                sweeps.add(threads.submit(() -> {
                    go.await();
                    return compactor.sweep();
                }));
            }
            go.countDown();
            List<SweepSummary> summaries = new ArrayList<>();
            for (Future<SweepSummary> sweep : sweeps) {
                summaries.add(sweep.get(60, TimeUnit.SECONDS));
            }
            SweepSummary total = summaries.get(0).plus(summaries.get(1));

            // then: one sweep did everything; the other found the lock taken, or nothing left
            assertThat(summaries).anyMatch(idle -> idle.equals(SweepSummary.SKIPPED)
                    || idle.equals(SweepSummary.NOTHING));
            assertThat(total.blobsDeleted()).isEqualTo(GARBAGE_BLOBS);
            assertThat(total.bytesReclaimed()).isEqualTo((long) GARBAGE_BLOBS * CompactorFixture.BLOB_BYTES);
            assertThat(dead).noneMatch(fixture::blobExists);
        } finally {
            threads.shutdownNow();
        }
    }

    /** {@code count} keys written twice; returns the first (dead) version of each, past its grace. */
    private List<ObjectEvent.ObjectCommitted> overwrittenObjects(int count) {
        List<ObjectEvent.ObjectCommitted> dead = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            var first = Events.committed(BUCKET, "k" + index, Events.nextVersion());
            fixture.apply(first, Events.committed(BUCKET, "k" + index, Events.nextVersion()));
            dead.add(first);
        }
        fixture.clock().advance(PAST_GRACE);
        return dead;
    }
}
