package dev.blobpipe.catalog.internal;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL on the indexer's bookkeeping: its next offset per partition, moved by compare-and-set in the transaction that
 * applied the records (so two indexers can never both advance a partition), and the applied notices.
 */
public interface IndexerOffsetDao {

    @SqlQuery("SELECT next_offset FROM indexer_offsets WHERE topic = :topic AND partition = :partition")
    Optional<Long> nextOffset(@Bind("topic") String topic, @Bind("partition") int partition);

    /** Stores a partition's first position; 0 if a row exists already. */
    @SqlUpdate("""
            INSERT INTO indexer_offsets (topic, partition, next_offset) VALUES (:topic, :partition, :next)
            ON CONFLICT (topic, partition) DO NOTHING
            """)
    int insertFirst(@Bind("topic") String topic, @Bind("partition") int partition, @Bind("next") long next);

    /** Moves a partition from {@code expected} to {@code next}; 0 if it is not at {@code expected}. */
    @SqlUpdate("""
            UPDATE indexer_offsets SET next_offset = :next
            WHERE topic = :topic AND partition = :partition AND next_offset = :expected
            """)
    int advance(@Bind("topic") String topic, @Bind("partition") int partition, @Bind("expected") long expected,
            @Bind("next") long next);

    /** Queues one NOTIFY per payload; PostgreSQL delivers them when the transaction commits, not before. */
    @SqlQuery("SELECT count(pg_notify(:channel, payload)) FROM unnest(CAST(:payloads AS text[])) AS payload")
    long notifyAll(@Bind("channel") String channel, @Bind("payloads") String[] payloads);
}
