package dev.blobpipe.cli;

import dev.blobpipe.ingest.admin.LiveStatsSnapshot;
import dev.blobpipe.ingest.admin.LiveStatsSource;
import dev.blobpipe.ingest.admin.LiveStatsUnavailableException;
import dev.blobpipe.stats.LiveStats;
import dev.blobpipe.stats.StatsUnavailableException;
import java.time.Duration;
import java.util.Objects;

/**
 * Hands the stats module's answers to ingest-api's {@code /admin/stats/live} (neither module knows the other): the
 * last {@link #MINUTES} minutes of rates, every bucket, the idle uploads.
 */
final class LiveStatsBridge implements LiveStatsSource {
    static final Duration MINUTES = Duration.ofMinutes(15);

    private final LiveStats stats;

    LiveStatsBridge(LiveStats stats) {
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    @Override
    public LiveStatsSnapshot snapshot() {
        try {
            return new LiveStatsSnapshot(
                    stats.buckets().stream()
                            .map(b -> new LiveStatsSnapshot.Bucket(b.bucket(), b.objects(), b.bytes())).toList(),
                    stats.minutes(MINUTES).stream()
                            .map(m -> new LiveStatsSnapshot.Minute(m.bucket(), m.start(), m.puts(), m.deletes()))
                            .toList(),
                    stats.idleUploads().stream()
                            .map(u -> new LiveStatsSnapshot.IdleUpload(u.uploadId(), u.firstSeen(), u.lastSeen(),
                                    u.chunks(), u.bytes()))
                            .toList(),
                    stats.idleThreshold());
        } catch (StatsUnavailableException e) {
            throw new LiveStatsUnavailableException(e.getMessage(), e);
        }
    }
}
