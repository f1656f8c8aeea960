package dev.blobpipe.stats;

import dev.blobpipe.stats.internal.BucketTotals;
import dev.blobpipe.stats.internal.OperationCounts;
import dev.blobpipe.stats.internal.UploadActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Reads the answers out of the stats' state stores, whoever holds them (a running application's interactive queries,
 * or a test driver). One row per bucket, per bucket-minute or per open upload: all fit in memory.
 */
public final class StatsReader {
    private StatsReader() {
    }

    /** Every bucket the stats have seen an object event of, by name. */
    public static List<BucketCounts> buckets(ReadOnlyKeyValueStore<String, BucketTotals> totals) {
        List<BucketCounts> rows = new ArrayList<>();
        try (KeyValueIterator<String, BucketTotals> all = totals.all()) {
            while (all.hasNext()) {
                KeyValue<String, BucketTotals> entry = all.next();
                rows.add(new BucketCounts(entry.key, entry.value.objects(), entry.value.bytes()));
            }
        }
        rows.sort(Comparator.comparing(BucketCounts::bucket));
        return rows;
    }

    /** The minutes that started from {@code from} to {@code to}, by bucket then time; minutes without events absent. */
    public static List<MinuteCounts> minutes(ReadOnlyWindowStore<String, OperationCounts> rates, Instant from,
            Instant to) {
        List<MinuteCounts> rows = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, OperationCounts> all = rates.fetchAll(from, to)) {
            while (all.hasNext()) {
                KeyValue<Windowed<String>, OperationCounts> entry = all.next();
                rows.add(new MinuteCounts(entry.key.key(), entry.key.window().startTime(), entry.value.puts(),
                        entry.value.deletes()));
            }
        }
        rows.sort(Comparator.comparing(MinuteCounts::bucket).thenComparing(MinuteCounts::start));
        return rows;
    }

    /** Uploads whose last chunk is older than {@code now - threshold}, oldest first. */
    public static List<IdleUpload> idleUploads(ReadOnlyKeyValueStore<String, UploadActivity> uploads, Instant now,
            Duration threshold) {
        long cutoff = now.minus(threshold).toEpochMilli();
        List<IdleUpload> rows = new ArrayList<>();
        try (KeyValueIterator<String, UploadActivity> all = uploads.all()) {
            while (all.hasNext()) {
                KeyValue<String, UploadActivity> entry = all.next();
                UploadActivity activity = entry.value;
                if (activity.lastSeenMillis() < cutoff) {
                    rows.add(new IdleUpload(entry.key, Instant.ofEpochMilli(activity.firstSeenMillis()),
                            Instant.ofEpochMilli(activity.lastSeenMillis()), activity.chunks(), activity.bytes()));
                }
            }
        }
        rows.sort(Comparator.comparing(IdleUpload::lastSeen));
        return rows;
    }
}
