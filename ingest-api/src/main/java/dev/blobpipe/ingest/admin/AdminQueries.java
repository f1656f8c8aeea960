package dev.blobpipe.ingest.admin;

import dev.blobpipe.catalog.admin.BucketStatistics;
import dev.blobpipe.catalog.admin.DiskUsage;
import dev.blobpipe.catalog.admin.ObjectSearch;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * What the {@code /admin/} endpoints answer from: the catalog's admin queries and, when the live stats run in this
 * process, their source ({@code live} null: {@code /admin/stats/live} answers 501).
 */
public record AdminQueries(DiskUsage diskUsage, ObjectSearch search, BucketStatistics statistics,
        LiveStatsSource live) {

    public AdminQueries {
        Objects.requireNonNull(diskUsage, "diskUsage");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(statistics, "statistics");
    }

    /** The catalog's admin queries on {@code jdbi} (the catalog's pool), with {@code live} (nullable). */
    public static AdminQueries on(Jdbi jdbi, LiveStatsSource live) {
        return new AdminQueries(new DiskUsage(jdbi), new ObjectSearch(jdbi), new BucketStatistics(jdbi), live);
    }
}
