package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.admin.FoundObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.stream.Stream;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Streams live rows of {@code objects} for admin commands ({@code find}, the Parquet inventory). {@code find}'s
 * results are {@link Stream}s read through a server-side cursor: call them inside a transaction (the PostgreSQL driver
 * only uses a cursor for a fetch size when autocommit is off) and close them. The inventory is read by COPY instead
 * (binary tuples, no per-row objects in the driver). {@code upper} is the prefix's successor, null for none.
 */
public interface InventoryDao {
    /** Rows fetched per round trip: enough to amortise the round trip, small enough to stay a few MiB. */
    int FETCH_SIZE = 4096;

    /** Live objects under a prefix, optionally only those modified before a time and larger than a size. */
    @SqlQuery("""
            SELECT key, size_bytes, last_modified, md5_hex, part_count
            FROM objects
            WHERE bucket = :bucket AND NOT deleted
              AND key >= :prefix AND (CAST(:upper AS text) IS NULL OR key < :upper)
              AND (CAST(:before AS timestamptz) IS NULL OR last_modified < :before)
              AND size_bytes > :largerThan
            ORDER BY key
            """)
    @FetchSize(FETCH_SIZE)
    @RegisterRowMapper(FoundObjectMapper.class)
    Stream<FoundObject> find(@Bind("bucket") String bucket, @Bind("prefix") String prefix,
            @Bind("upper") String upper, @Bind("before") OffsetDateTime before, @Bind("largerThan") long largerThan);

    /**
     * Scopes the next {@link #inventoryCopy}, which reads its bucket and key range from these transaction-local
     * settings: COPY takes no bind parameters, and values are never written into SQL text. The planner then sees
     * the range as unknown and, for a prefix, expects few rows and walks the key index with a random heap read per
     * row; so plain index scans are switched off for the transaction, leaving bitmap scans (heap pages in order) and
     * sequential scans. Returns the number of settings made (4).
     */
    @SqlQuery("""
            SELECT count(set_config(setting.name, setting.value, true))
            FROM (VALUES ('blobpipe.inventory_bucket', :bucket),
                         ('blobpipe.inventory_prefix', :prefix),
                         ('blobpipe.inventory_upper', coalesce(:upper, '')),
                         ('enable_indexscan', 'off')) AS setting(name, value)
            """)
    int scopeInventory(@Bind("bucket") String bucket, @Bind("prefix") String prefix, @Bind("upper") String upper);

    /**
     * The COPY of the live objects in the range set by {@link #scopeInventory}, as binary tuples of these columns in
     * this order, in no particular order: ordering by key costs an index scan in key order whose heap reads are random,
     * 5 to 10 times slower than the sequential or bitmap scan the planner picks without it (500k rows: 1.7 s against
     * 0.2 s). Each setting is read in a scalar subquery so that it is evaluated once, not per row; a bound is left out
     * when there is none (no prefix, or no upper bound), since an "upper bound or none" condition would keep the index
     * from stopping at the upper bound, and comparing every key with the empty prefix costs server CPU. The time is
     * sent as PostgreSQL's binary timestamp (no conversion on the server), the user metadata as jsonb only when there
     * is any: converting it to pairs in SQL ({@code catalog_pairs}) doubled the server's CPU time per row that has
     * some.
     */
    static String inventoryCopy(boolean hasPrefix, boolean hasUpper) {
        return """
                COPY (
                    SELECT key, version_id, size_bytes, md5_hex, part_count, content_type, last_modified,
                           blob_name, blob_offset, blob_length,
                           CASE WHEN user_metadata = '{}' THEN NULL ELSE user_metadata END
                    FROM objects
                    WHERE bucket = (SELECT current_setting('blobpipe.inventory_bucket')) AND NOT deleted
                """ + (hasPrefix ? """
                      AND key >= (SELECT current_setting('blobpipe.inventory_prefix'))
                """ : "") + (hasUpper ? """
                      AND key < (SELECT current_setting('blobpipe.inventory_upper'))
                """ : "") + """
                ) TO STDOUT (FORMAT binary)
                """;
    }

    /** The S3 ETag without its quotes: the MD5, or for a multipart object the composite MD5 and "-" part count. */
    static String etag(String md5Hex, int partCount) {
        return partCount > 0 ? md5Hex + "-" + partCount : md5Hex;
    }

    /** Reads {@link FoundObject}. */
    final class FoundObjectMapper implements RowMapper<FoundObject> {
        @Override
        public FoundObject map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new FoundObject(rs.getString("key"), rs.getLong("size_bytes"),
                    rs.getObject("last_modified", OffsetDateTime.class).toInstant(),
                    etag(rs.getString("md5_hex"), rs.getInt("part_count")));
        }
    }
}
