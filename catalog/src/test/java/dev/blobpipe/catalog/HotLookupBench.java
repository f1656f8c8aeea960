package dev.blobpipe.catalog;

import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.catalog.testing.Events;
import dev.blobpipe.schemas.ObjectEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntConsumer;

/**
 * Prints the JVM CPU time one thread spends per per-request catalog lookup (bucket, object, newest version, bucket
 * and object together) and per ObjectCommitted applied as the indexer applies it (in batches, superseding a version);
 * a benchmark, not a test. Fills a fresh database of the embedded PostgreSQL with one bucket of 1,000 objects, then
 * runs each operation {@code rounds} times in a loop on one thread, after a warm-up of the same length. Server CPU is
 * not counted. Run it with
 * the test classpath (see README.md's "Admin" section for how).
 */
public final class HotLookupBench {
    /** Events per transaction when applying, about what the indexer sees under load. */
    private static final int BATCH = 8;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private HotLookupBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int keys = 1_000;
        try (CatalogFixture fixture = CatalogFixture.fresh()) {
            Catalog catalog = fixture.catalog();
            fixture.apply(Events.bucketCreated("bench", Events.nextVersion()));
            for (int key = 0; key < keys; key++) {
                fixture.apply(Events.committed("bench", "key-" + key, Events.nextVersion()));
            }
            for (int pass = 1; pass <= 2; pass++) {
                String label = pass == 1 ? "warm-up " : "measured ";
                run(label + "bucket", rounds, index -> require(catalog.bucket("bench").isPresent()));
                run(label + "object", rounds, index -> require(catalog.object("bench", "key-" + index % keys)
                        .isPresent()));
                run(label + "newestVersion", rounds, index -> require(catalog.newestVersion("bench",
                        "key-" + index % keys).isPresent()));
                run(label + "objectInBucket", rounds, index -> require(objectLookup(catalog, index % keys)));
                // the indexer's work for uploads: batches of new versions of existing keys (each supersedes one)
                run(label + "apply committed", rounds / BATCH, BATCH, index -> fixture.apply(batch(index, keys)));
            }
        }
    }

    /** A GET of an existing key: its catalog work, bucket and object in one query. */
    private static boolean objectLookup(Catalog catalog, int key) {
        return catalog.objectInBucket("bench", "key-" + key).object().isPresent();
    }

    private static ObjectEvent[] batch(int index, int keys) {
        ObjectEvent[] events = new ObjectEvent[BATCH];
        for (int event = 0; event < BATCH; event++) {
            events[event] = Events.committed("bench", "key-" + (index * BATCH + event) % keys, Events.nextVersion());
        }
        return events;
    }

    private static void run(String label, int rounds, IntConsumer lookup) {
        run(label, rounds, 1, lookup);
    }

    /** Runs {@code rounds} rounds of {@code perRound} operations each; prints the cost per operation. */
    private static void run(String label, int rounds, int perRound, IntConsumer lookup) {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        for (int index = 0; index < rounds; index++) {
            lookup.accept(index);
        }
        long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
        long wallNanos = System.nanoTime() - wallStart;
        long operations = (long) rounds * perRound;
        System.out.printf("%-28s operations=%d cpu_us_per_operation=%.1f wall_us_per_operation=%.1f%n", label,
                operations, cpuNanos / 1e3 / operations, wallNanos / 1e3 / operations);
    }

    private static void require(boolean found) {
        if (!found) {
            throw new IllegalStateException("lookup found nothing");
        }
    }
}
