package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.UnableToQueryCatalogException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The indexer's bookkeeping in every batch's transaction, in plain JDBC on that transaction's connection (which the
 * caller owns): its next offset per partition, moved by compare-and-set (so two indexers can never both advance a
 * partition), and the applied notices. Where a partition resumes is read through {@link IndexerOffsetDao}.
 */
public final class IndexerOffsets {
    private static final String INSERT_FIRST = """
            INSERT INTO indexer_offsets (topic, partition, next_offset) VALUES (?, ?, ?)
            ON CONFLICT (topic, partition) DO NOTHING
            """;

    private static final String ADVANCE = """
            UPDATE indexer_offsets SET next_offset = ?
            WHERE topic = ? AND partition = ? AND next_offset = ?
            """;

    private static final String NOTIFY_ALL =
            "SELECT count(pg_notify(?, payload)) FROM unnest(CAST(? AS text[])) AS payload";

    private final Connection connection;

    public IndexerOffsets(Connection connection) {
        this.connection = connection;
    }

    /** Stores a partition's first position; 0 if a row exists already. */
    public int insertFirst(String topic, int partition, long next) {
        try (PreparedStatement statement = connection.prepareStatement(INSERT_FIRST)) {
            statement.setString(1, topic);
            statement.setInt(2, partition);
            statement.setLong(3, next);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new UnableToQueryCatalogException("cannot store the first offset of " + topic + "-" + partition, e);
        }
    }

    /** Moves a partition from {@code expected} to {@code next}; 0 if it is not at {@code expected}. */
    public int advance(String topic, int partition, long expected, long next) {
        try (PreparedStatement statement = connection.prepareStatement(ADVANCE)) {
            statement.setLong(1, next);
            statement.setString(2, topic);
            statement.setInt(3, partition);
            statement.setLong(4, expected);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new UnableToQueryCatalogException("cannot advance the offset of " + topic + "-" + partition, e);
        }
    }

    /** Queues one NOTIFY per payload; PostgreSQL delivers them when the transaction commits, not before. */
    public void notifyApplied(String channel, String[] payloads) {
        try (PreparedStatement statement = connection.prepareStatement(NOTIFY_ALL)) {
            statement.setString(1, channel);
            statement.setArray(2, connection.createArrayOf("text", payloads));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
            }
        } catch (SQLException e) {
            throw new UnableToQueryCatalogException("cannot queue applied notices on " + channel, e);
        }
    }
}
