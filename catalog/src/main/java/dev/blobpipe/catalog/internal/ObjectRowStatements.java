package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.UnableToQueryCatalogException;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.VersionId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The indexer's statements for every object version it applies, on {@code objects} and {@code dead_blobs}, in plain
 * JDBC on the connection of the caller's transaction (which owns and closes it): through JDBI SqlObjects their
 * per-call work (argument binding by reflection over {@link ObjectRow}, mapper and config lookups) was ~40 % of the
 * indexer thread's CPU. Not thread-safe: one per transaction, like the connection.
 */
final class ObjectRowStatements {
    /**
     * The columns a version writes besides its key (bucket, key), each with its placeholder: the INSERT and the
     * UPDATE are both built from this list, and {@link #bindVersion} binds it in this order.
     */
    private static final List<String[]> VERSION_COLUMNS = List.of(
            new String[] {"version_id", "?"}, new String[] {"deleted", "?"}, new String[] {"upload_id", "?"},
            new String[] {"size_bytes", "?"}, new String[] {"chunk_count", "?"}, new String[] {"md5_hex", "?"},
            new String[] {"sha256_hex", "?"}, new String[] {"last_modified", "?"},
            new String[] {"content_type", "?"}, new String[] {"content_encoding", "?"},
            new String[] {"content_disposition", "?"}, new String[] {"cache_control", "?"},
            new String[] {"expires", "?"},
            new String[] {"user_metadata", "jsonb_object(CAST(? AS text[]))"},
            new String[] {"checksums", "jsonb_object(CAST(? AS text[]))"},
            new String[] {"tags", "jsonb_object(CAST(? AS text[]))"},
            new String[] {"blob_name", "?"}, new String[] {"blob_offset", "?"}, new String[] {"blob_length", "?"},
            new String[] {"part_count", "?"});

    /** The key's current version, row-locked until the transaction ends; no row if the key never existed. */
    private static final String LOCK_CURRENT = """
            SELECT version_id, deleted, md5_hex, blob_name, blob_offset, blob_length, part_count, tags_version_id
            FROM objects WHERE bucket = ? AND key = ?
            FOR UPDATE
            """;

    /** The first version of a key; no row if a concurrent transaction inserted the key first. */
    private static final String INSERT_FIRST = "INSERT INTO objects (bucket, key, "
            + VERSION_COLUMNS.stream().map(column -> column[0]).collect(Collectors.joining(", "))
            + ")\nVALUES (?, ?, " + VERSION_COLUMNS.stream().map(column -> column[1]).collect(Collectors.joining(", "))
            + ")\nON CONFLICT (bucket, key) DO NOTHING";

    /**
     * Replaces the key's row if, and only if, it holds an older version (last writer wins); a new version starts with
     * its upload's tags, so no tag set's version applies any more.
     */
    private static final String REPLACE_OLDER = "UPDATE objects SET "
            + VERSION_COLUMNS.stream().map(column -> column[0] + " = " + column[1]).collect(Collectors.joining(", "))
            + ", tags_version_id = NULL\nWHERE bucket = ? AND key = ? AND version_id < ?";

    /** A dead location; recording the same version's location again changes nothing. */
    private static final String RECORD_DEAD = """
            INSERT INTO dead_blobs (version_id, blob_name, blob_offset, blob_length, bucket, key, rejected)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """;

    private final Connection connection;

    ObjectRowStatements(Connection connection) {
        this.connection = connection;
    }

    Optional<CurrentVersion> lockCurrent(String bucket, String key) {
        try (PreparedStatement statement = connection.prepareStatement(LOCK_CURRENT)) {
            statement.setString(1, bucket);
            statement.setString(2, key);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String blobName = rs.getString(4);
                ObjectLocation location = blobName == null ? null
                        : new ObjectLocation(blobName, rs.getLong(5), rs.getLong(6));
                String tagsVersion = rs.getString(8);
                return Optional.of(new CurrentVersion(VersionId.parse(rs.getString(1)), rs.getBoolean(2),
                        rs.getString(3), location, rs.getInt(7),
                        tagsVersion == null ? null : VersionId.parse(tagsVersion)));
            }
        } catch (SQLException e) {
            throw failed("lock the current version of " + bucket + "/" + key, e);
        }
    }

    /** 1 if {@code row} is now the key's first version, 0 if a concurrent transaction inserted the key first. */
    int insertFirst(ObjectRow row) {
        try (PreparedStatement statement = connection.prepareStatement(INSERT_FIRST)) {
            statement.setString(1, row.bucket());
            statement.setString(2, row.key());
            bindVersion(statement, 3, row);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failed("insert " + row.bucket() + "/" + row.key() + " " + row.versionId(), e);
        }
    }

    /** 1 if {@code row} replaced an older version of its key, else 0. */
    int replaceOlder(ObjectRow row) {
        try (PreparedStatement statement = connection.prepareStatement(REPLACE_OLDER)) {
            int next = bindVersion(statement, 1, row);
            statement.setString(next, row.bucket());
            statement.setString(next + 1, row.key());
            statement.setString(next + 2, row.versionId());
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failed("replace " + row.bucket() + "/" + row.key() + " with " + row.versionId(), e);
        }
    }

    /** Records {@code location} dead for {@code version}, {@code rejected} when its write's condition failed. */
    void recordDead(String version, ObjectLocation location, String bucket, String key, boolean rejected) {
        try (PreparedStatement statement = connection.prepareStatement(RECORD_DEAD)) {
            statement.setString(1, version);
            statement.setString(2, location.blobName());
            statement.setLong(3, location.offset());
            statement.setLong(4, location.lengthBytes());
            statement.setString(5, bucket);
            statement.setString(6, key);
            statement.setBoolean(7, rejected);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failed("record " + location + " of " + version + " dead", e);
        }
    }

    /** Binds {@link #VERSION_COLUMNS} of {@code row} from index {@code first}; returns the next free index. */
    private int bindVersion(PreparedStatement statement, int first, ObjectRow row) throws SQLException {
        int index = first;
        statement.setString(index++, row.versionId());
        statement.setBoolean(index++, row.deleted());
        statement.setString(index++, row.uploadId());
        statement.setObject(index++, row.sizeBytes(), Types.BIGINT);
        statement.setObject(index++, row.chunkCount(), Types.BIGINT);
        statement.setString(index++, row.md5Hex());
        statement.setString(index++, row.sha256Hex());
        if (row.lastModified() == null) {
            statement.setNull(index++, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            // an OffsetDateTime in UTC: the instant exactly, whatever the JVM's time zone
            statement.setObject(index++, row.lastModified().atOffset(ZoneOffset.UTC));
        }
        statement.setString(index++, row.contentType());
        statement.setString(index++, row.contentEncoding());
        statement.setString(index++, row.contentDisposition());
        statement.setString(index++, row.cacheControl());
        statement.setString(index++, row.expires());
        index = bindPairs(statement, index, row.userMetadata());
        index = bindPairs(statement, index, row.checksums());
        index = bindPairs(statement, index, row.tags());
        statement.setString(index++, row.blobName());
        statement.setObject(index++, row.blobOffset(), Types.BIGINT);
        statement.setObject(index++, row.blobLength(), Types.BIGINT);
        statement.setInt(index++, row.partCount());
        return index;
    }

    private int bindPairs(PreparedStatement statement, int index, String[] pairs) throws SQLException {
        if (pairs == null) {
            statement.setNull(index, Types.ARRAY);
        } else {
            statement.setArray(index, connection.createArrayOf("text", pairs));
        }
        return index + 1;
    }

    private static UnableToQueryCatalogException failed(String what, SQLException cause) {
        return new UnableToQueryCatalogException("cannot " + what, cause);
    }
}
