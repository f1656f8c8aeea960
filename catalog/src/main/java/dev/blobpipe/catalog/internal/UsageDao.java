package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.admin.BucketStats;
import dev.blobpipe.catalog.admin.PrefixUsage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Aggregates over {@code objects}, {@code dead_blobs} and {@code multipart_uploads} for admin commands. Computed in
 * SQL (GROUP BY), so only the aggregates travel; keys are selected with range predicates, never LIKE.
 */
public interface UsageDao {

    /**
     * Live objects and bytes under {@code prefix} grouped by level: the prefix plus at most {@code depth} of the key's
     * '/'-separated directory components after it (a key with fewer counts at its own, deepest directory; a key with
     * no '/' after the prefix counts at the prefix itself). {@code upper} is the prefix's successor, null for none.
     */
    @SqlQuery("""
            SELECT level AS prefix, objects, bytes
            FROM (
                -- "parts[1 : dirs]" with spaces: ":dirs" would read as a bound parameter
                SELECT CAST(:prefix AS text) || CASE WHEN dirs > 0
                            THEN array_to_string(parts[1 : dirs], '/') || '/' ELSE '' END AS level,
                       count(*) AS objects, CAST(coalesce(sum(size_bytes), 0) AS bigint) AS bytes
                FROM (
                    SELECT parts, size_bytes, least(:depth, cardinality(parts) - 1) AS dirs
                    FROM (
                        SELECT string_to_array(substr(key, char_length(:prefix) + 1), '/') AS parts, size_bytes
                        FROM objects
                        WHERE bucket = :bucket AND NOT deleted
                          AND key >= :prefix AND (CAST(:upper AS text) IS NULL OR key < :upper)
                    ) AS split
                ) AS leveled
                GROUP BY level
            ) AS levels
            ORDER BY level COLLATE "C"
            """)
    @FetchSize(1000)
    @RegisterRowMapper(PrefixUsageMapper.class)
    Stream<PrefixUsage> usage(@Bind("bucket") String bucket, @Bind("prefix") String prefix,
            @Bind("upper") String upper, @Bind("depth") int depth);

    /**
     * Per live bucket: live objects and their bytes, bytes recorded dead, the pack segments its live objects are in,
     * and open multipart uploads.
     */
    @SqlQuery("""
            SELECT b.name AS bucket,
                   coalesce(o.objects, 0) AS objects,
                   coalesce(o.bytes, 0) AS bytes,
                   coalesce(d.dead_bytes, 0) AS dead_bytes,
                   coalesce(o.segments, 0) AS segments,
                   coalesce(m.open_uploads, 0) AS open_multipart_uploads
            FROM buckets AS b
            LEFT JOIN (
                SELECT bucket, count(*) AS objects, CAST(sum(size_bytes) AS bigint) AS bytes,
                       count(DISTINCT blob_name) FILTER (WHERE starts_with(blob_name, 'segments/'))
                           AS segments
                FROM objects WHERE NOT deleted GROUP BY bucket
            ) AS o ON o.bucket = b.name
            LEFT JOIN (
                SELECT bucket, CAST(sum(blob_length) AS bigint) AS dead_bytes FROM dead_blobs GROUP BY bucket
            ) AS d ON d.bucket = b.name
            LEFT JOIN (
                SELECT bucket, count(*) AS open_uploads FROM multipart_uploads WHERE state = 'open' GROUP BY bucket
            ) AS m ON m.bucket = b.name
            WHERE NOT b.deleted
            ORDER BY b.name
            """)
    @FetchSize(1000)
    @RegisterRowMapper(BucketStatsMapper.class)
    Stream<BucketStats> bucketStats();

    /** Reads {@link PrefixUsage}. */
    final class PrefixUsageMapper implements RowMapper<PrefixUsage> {
        @Override
        public PrefixUsage map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new PrefixUsage(rs.getString("prefix"), rs.getLong("objects"), rs.getLong("bytes"));
        }
    }

    /** Reads {@link BucketStats}. */
    final class BucketStatsMapper implements RowMapper<BucketStats> {
        @Override
        public BucketStats map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new BucketStats(rs.getString("bucket"), rs.getLong("objects"), rs.getLong("bytes"),
                    rs.getLong("dead_bytes"), rs.getLong("segments"), rs.getLong("open_multipart_uploads"));
        }
    }
}
