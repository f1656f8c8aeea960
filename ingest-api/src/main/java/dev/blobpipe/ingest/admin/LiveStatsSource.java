package dev.blobpipe.ingest.admin;

/**
 * Where {@code GET /admin/stats/live} gets its answer: the live stats role, wired in by cli (ingest-api does not
 * depend on the stats module). Implementations throw {@link LiveStatsUnavailableException} while they cannot answer.
 */
@FunctionalInterface
public interface LiveStatsSource {
    LiveStatsSnapshot snapshot();
}
