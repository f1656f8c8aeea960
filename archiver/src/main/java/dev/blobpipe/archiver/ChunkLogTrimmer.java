package dev.blobpipe.archiver;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes archived chunk records from Kafka once their offsets are committed, so the chunks topic holds roughly the
 * uploads still being assembled instead of everything until time retention (DESIGN.md, step 3).
 *
 * <p>Best effort and asynchronous: at most one request per partition per interval, never waited for; a failure only
 * means the records stay until the next trim or retention. Used by one poll loop thread.
 */
final class ChunkLogTrimmer {
    private static final Logger log = LoggerFactory.getLogger(ChunkLogTrimmer.class);

    private final Admin admin;
    private final long intervalNanos;
    private final Map<TopicPartition, Long> lastTrimNanos = new HashMap<>();
    private final Map<TopicPartition, Long> trimmedTo = new HashMap<>();
    private final Map<TopicPartition, Long> committedTo = new HashMap<>();

    ChunkLogTrimmer(Admin admin, Duration interval) {
        this.admin = admin;
        this.intervalNanos = interval.toNanos();
    }

    /** Called after a transaction committed {@code committed}: their records before those offsets may go. */
    void committed(Map<TopicPartition, OffsetAndMetadata> committed) {
        committed.forEach((partition, offset) -> committedTo.merge(partition, offset.offset(), Math::max));
        trimDue();
    }

    /**
     * Deletes, for each partition whose interval has passed, the records before its committed offset. Called on
     * every poll too, so the last records of a partition that went idle also leave the disk instead of waiting for
     * the next upload to reach that partition.
     */
    void trimDue() {
        long now = System.nanoTime();
        Map<TopicPartition, RecordsToDelete> request = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> entry : committedTo.entrySet()) {
            TopicPartition partition = entry.getKey();
            long offset = entry.getValue();
            Long last = lastTrimNanos.get(partition);
            boolean due = last == null || now - last >= intervalNanos;
            if (due && offset > trimmedTo.getOrDefault(partition, 0L)) {
                request.put(partition, RecordsToDelete.beforeOffset(offset));
                lastTrimNanos.put(partition, now);
                trimmedTo.put(partition, offset);
            }
        }
        if (request.isEmpty()) {
            return;
        }
        admin.deleteRecords(request).all().whenComplete((ignored, error) -> {
            if (error != null) {
                log.debug("chunk records not deleted, retention will remove them partitions={} error={}",
                        request.keySet(), error.toString());
            }
        });
    }

    /** Forgets a partition this loop no longer owns. */
    void forget(TopicPartition partition) {
        lastTrimNanos.remove(partition);
        trimmedTo.remove(partition);
        committedTo.remove(partition);
    }
}
