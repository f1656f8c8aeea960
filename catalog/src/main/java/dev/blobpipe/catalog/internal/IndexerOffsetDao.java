package dev.blobpipe.catalog.internal;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * SQL on the indexer's bookkeeping: where a partition resumes. The writes of every batch (offsets moved by
 * compare-and-set, applied notices) run in plain JDBC: {@link IndexerOffsets}.
 */
public interface IndexerOffsetDao {

    @SqlQuery("SELECT next_offset FROM indexer_offsets WHERE topic = :topic AND partition = :partition")
    Optional<Long> nextOffset(@Bind("topic") String topic, @Bind("partition") int partition);
}
