package dev.blobpipe.catalog;

import dev.blobpipe.catalog.internal.SegmentDao;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * What segment compaction asks the catalog: how much of each pack segment is still referenced, which of its ranges
 * are, and forgetting the dead rows of a segment that was deleted. Reads only; locations change through
 * {@code ObjectMoved} events, which the indexer applies by compare-and-set. Thread-safe; every call borrows a pooled
 * connection briefly.
 */
public final class SegmentCatalog {
    private static final int RANGE_PAGE = 10_000;

    private final Jdbi jdbi;

    public SegmentCatalog(CatalogDatabase database) {
        this.jdbi = Objects.requireNonNull(database, "database").jdbi();
    }

    /**
     * The usage of each named segment, one per distinct name in name order; {@code recentlyDead} says whether a dead
     * row of it was recorded at or after {@code graceCutoff}.
     */
    public List<SegmentUsage> usage(List<String> segmentNames, Instant graceCutoff) {
        Objects.requireNonNull(graceCutoff, "graceCutoff");
        if (segmentNames.isEmpty()) {
            return List.of();
        }
        String[] names = segmentNames.toArray(String[]::new);
        return jdbi.withExtension(SegmentDao.class, segments -> segments.usage(names, graceCutoff));
    }

    /**
     * Every distinct live range of {@code segmentName}, by offset (read in pages, so one segment's ranges are in
     * memory, never the table's).
     */
    public List<LiveRange> liveRanges(String segmentName) {
        Objects.requireNonNull(segmentName, "segmentName");
        List<LiveRange> ranges = new ArrayList<>();
        long after = -1;
        while (true) {
            long afterOffset = after;
            List<LiveRange> page = jdbi.withExtension(SegmentDao.class,
                    segments -> segments.liveRanges(segmentName, afterOffset, RANGE_PAGE));
            ranges.addAll(page);
            if (page.size() < RANGE_PAGE) {
                return ranges;
            }
            after = page.get(page.size() - 1).offset();
        }
    }

    /** Forgets every dead row of a segment that has been deleted; returns how many. */
    public int forgetDeadRows(String segmentName) {
        Objects.requireNonNull(segmentName, "segmentName");
        return jdbi.withExtension(SegmentDao.class, segments -> segments.forgetDeadRows(segmentName));
    }
}
