package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.LiveRange;
import dev.blobpipe.catalog.SegmentUsage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The segment compactor's SQL: live references into pack segments, from the three tables that hold locations
 * ({@code objects}, {@code object_extents}, {@code multipart_parts} of open uploads). Segments are matched by name
 * equality ({@code = ANY}), which the blob_name indexes serve under any database collation; a prefix range on
 * {@code 'segments/'} would follow the database's collation, which need not be byte order.
 */
public interface SegmentDao {

    /**
     * The usage of each named segment (one row per name, zeros when unreferenced), in one statement so every count
     * comes from one snapshot. A range is the distinct (offset, length): copies share ranges and count once.
     */
    @SqlQuery("""
            WITH names AS (
                SELECT DISTINCT unnest(CAST(:names AS text[])) AS blob_name
            ), refs AS (
                SELECT blob_name, blob_offset, blob_length, false AS pinned FROM objects
                WHERE blob_name = ANY (CAST(:names AS text[])) AND NOT deleted
                UNION ALL
                SELECT blob_name, blob_offset, blob_length, false FROM object_extents
                WHERE blob_name = ANY (CAST(:names AS text[]))
                UNION ALL
                SELECT part.blob_name, part.blob_offset, part.blob_length, true FROM multipart_parts AS part
                JOIN multipart_uploads AS upload ON upload.upload_id = part.upload_id
                WHERE part.blob_name = ANY (CAST(:names AS text[])) AND upload.state = 'open'
            ), ranges AS (
                SELECT blob_name, blob_offset, blob_length, bool_or(pinned) AS pinned FROM refs
                GROUP BY blob_name, blob_offset, blob_length
            ), usage AS (
                SELECT blob_name, sum(blob_length) AS live_bytes, count(*) AS live_ranges,
                       count(*) FILTER (WHERE pinned) AS pinned_ranges
                FROM ranges GROUP BY blob_name
            )
            SELECT names.blob_name AS segment_name,
                   coalesce(usage.live_bytes, 0) AS live_bytes,
                   coalesce(usage.live_ranges, 0) AS live_ranges,
                   coalesce(usage.pinned_ranges, 0) AS pinned_ranges,
                   EXISTS (SELECT 1 FROM dead_blobs AS dead
                           WHERE dead.blob_name = names.blob_name AND dead.recorded_at >= :cutoff) AS recently_dead
            FROM names LEFT JOIN usage ON usage.blob_name = names.blob_name
            ORDER BY names.blob_name
            """)
    @RegisterRowMapper(SegmentDao.UsageMapper.class)
    List<SegmentUsage> usage(@Bind("names") String[] names, @Bind("cutoff") Instant cutoff);

    /** Up to {@code limit} distinct live ranges of one segment starting after {@code afterOffset}, by offset. */
    @SqlQuery("""
            SELECT blob_offset AS "offset", blob_length AS length_bytes, bool_or(pinned) AS pinned FROM (
                SELECT blob_offset, blob_length, false AS pinned FROM objects
                WHERE blob_name = :segment AND NOT deleted AND blob_offset > :afterOffset
                UNION ALL
                SELECT blob_offset, blob_length, false FROM object_extents
                WHERE blob_name = :segment AND blob_offset > :afterOffset
                UNION ALL
                SELECT part.blob_offset, part.blob_length, true FROM multipart_parts AS part
                JOIN multipart_uploads AS upload ON upload.upload_id = part.upload_id
                WHERE part.blob_name = :segment AND upload.state = 'open' AND part.blob_offset > :afterOffset
            ) AS refs
            GROUP BY blob_offset, blob_length
            ORDER BY blob_offset, blob_length
            LIMIT :limit
            """)
    @RegisterRowMapper(SegmentDao.RangeMapper.class)
    List<LiveRange> liveRanges(@Bind("segment") String segment, @Bind("afterOffset") long afterOffset,
            @Bind("limit") int limit);

    /** Forgets every dead row of a segment that is gone. */
    @SqlUpdate("DELETE FROM dead_blobs WHERE blob_name = :segment")
    int forgetDeadRows(@Bind("segment") String segment);

    /** Reads a row of {@link #usage}. */
    final class UsageMapper implements RowMapper<SegmentUsage> {
        @Override
        public SegmentUsage map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new SegmentUsage(rs.getString("segment_name"), rs.getLong("live_bytes"), rs.getInt("live_ranges"),
                    rs.getInt("pinned_ranges"), rs.getBoolean("recently_dead"));
        }
    }

    /** Reads a row of {@link #liveRanges}. */
    final class RangeMapper implements RowMapper<LiveRange> {
        @Override
        public LiveRange map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new LiveRange(rs.getLong("offset"), rs.getLong("length_bytes"), rs.getBoolean("pinned"));
        }
    }
}
