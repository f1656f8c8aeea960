package dev.blobpipe.compactor;

import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.catalog.testing.Events;
import dev.blobpipe.compactor.testing.CompactorFixture;
import dev.blobpipe.compactor.testing.PackedObjects;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.schemas.ObjectEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Prints segment compaction's throughput; a benchmark, not a test. Packs {@code segments} real segments of
 * {@code objectsPerSegment} small objects (about 2 KiB each) through the events topic and the real indexer, deletes
 * every other object, then times one compactor sweep (read, CRC-check and copy the live frames, sync, publish one
 * ObjectMoved per frame) and the time until the indexer has applied every move. Run it as README.md's "Compactor"
 * section says.
 */
public final class CompactionBench {
    private static final String BUCKET = "bench";
    private static final Duration WAIT = Duration.ofMinutes(10);

    private CompactionBench() {
    }

    public static void main(String[] args) throws Exception {
        int segments = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int objectsPerSegment = args.length > 1 ? Integer.parseInt(args[1]) : 25_000;
        try (var fixture = new CompactorFixture()) {
            fixture.startIndexer();
            long fillStart = System.nanoTime();
            List<String> segmentNames = new ArrayList<>();
            long segmentBytes = 0;
            int live = 0;
            for (int s = 0; s < segments; s++) {
                String segmentId = "archiver-1-" + s + "-bench-0";
                int first = s * objectsPerSegment;
                List<String> keys = IntStream.range(first, first + objectsPerSegment)
                        .mapToObj(index -> "logs/" + index + ".log").toList();
                List<ObjectEvent> events = new ArrayList<>(PackedObjects.pack(fixture.blobs(), segmentId, BUCKET, keys));
                for (int index = 0; index < keys.size(); index += 2) {
                    events.add(Events.deleted(BUCKET, keys.get(index), Events.nextVersion()));
                }
                live += keys.size() / 2;
                fixture.events().publish(events.toArray(ObjectEvent[]::new));
                String name = BlobNames.segment(segmentId);
                segmentNames.add(name);
                segmentBytes += fixture.blobs().size(name);
            }
            long expectedLive = live;
            Await.until(WAIT, "every object and delete indexed", () -> liveIn(fixture, segmentNames) == expectedLive);
            for (String name : segmentNames) {
                fixture.makeQuiet(name, CompactorConfig.SEGMENT_MIN_AGE.defaultValue().plusMinutes(10));
            }
            System.out.printf("filled segments=%d objects=%d live=%d segmentMB=%.1f seconds=%.1f%n", segments,
                    segments * objectsPerSegment, live, segmentBytes / 1e6, (System.nanoTime() - fillStart) / 1e9);

            long start = System.nanoTime();
            SweepSummary sweep = fixture.compactor().sweep();
            double sweepSeconds = (System.nanoTime() - start) / 1e9;
            Await.until(WAIT, "every move applied", () -> liveIn(fixture, segmentNames) == 0);
            double appliedSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("compaction segments=%d copiedMB=%.1f objects=%d sweep %.1f s = %.1f MB/s,"
                            + " %.0f objects/s; moves applied after %.1f s = %.1f MB/s%n",
                    sweep.segmentsRewritten(), sweep.bytesCopied() / 1e6, live, sweepSeconds,
                    sweep.bytesCopied() / 1e6 / sweepSeconds, live / sweepSeconds, appliedSeconds,
                    sweep.bytesCopied() / 1e6 / appliedSeconds);
        }
    }

    /** Live objects of the bench bucket still located in one of {@code segmentNames}. */
    private static long liveIn(CompactorFixture fixture, List<String> segmentNames) {
        return fixture.catalogFixture().database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM objects
                        WHERE bucket = :bucket AND NOT deleted AND blob_name IN (<segments>)
                        """)
                .bind("bucket", BUCKET)
                .bindList("segments", segmentNames)
                .mapTo(Long.class)
                .one());
    }
}
