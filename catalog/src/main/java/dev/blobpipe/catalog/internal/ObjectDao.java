package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.ListedObject;
import dev.blobpipe.schemas.ObjectManifest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL on {@code objects}: one row per key holding its newest version (live or tombstone). Range queries compare keys
 * with {@code COLLATE "C"} columns and range predicates only; keys may contain {@code %} and {@code _}, so never LIKE.
 * The lookup of a live object by key runs in plain JDBC ({@link HotLookups}, {@link LiveObjectColumns}), and so do
 * the indexer's writes of object versions ({@link ObjectRowStatements}).
 */
@RegisterRowMapper(ObjectDao.ListedObjectMapper.class)
public interface ObjectDao {

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM objects WHERE bucket = :bucket AND NOT deleted)")
    boolean hasLive(@Bind("bucket") String bucket);

    /** What a listing shows of an object: no metadata, checksums or extents (see {@link ListedObject}). */
    // exactly the columns the objects_listing index carries (V7), here and in SELECT_LISTED_WALK: one more and every
    // listed row reads a heap page again (PostgresCatalogListTest checks the plans)
    String SELECT_LISTED = """
            SELECT key, size_bytes, md5_hex, part_count, last_modified FROM objects
            """;

    /** Live keys from {@code from} (inclusive or not) below {@code to}, in byte order. */
    @SqlQuery(SELECT_LISTED + """
            WHERE bucket = :bucket AND NOT deleted
              AND key >= :from AND (key > :from OR :inclusive) AND key < :to
            ORDER BY key
            LIMIT :limit
            """)
    List<ListedObject> liveBetween(@Bind("bucket") String bucket, @Bind("from") String from,
            @Bind("inclusive") boolean inclusive, @Bind("to") String to, @Bind("limit") int limit);

    /** Live keys from {@code from} (inclusive or not) to the end of the bucket, in byte order. */
    @SqlQuery(SELECT_LISTED + """
            WHERE bucket = :bucket AND NOT deleted
              AND key >= :from AND (key > :from OR :inclusive)
            ORDER BY key
            LIMIT :limit
            """)
    List<ListedObject> liveFrom(@Bind("bucket") String bucket, @Bind("from") String from,
            @Bind("inclusive") boolean inclusive, @Bind("limit") int limit);

    /**
     * Live keys from {@code from} (inclusive or not) below {@code to} (none when null) in byte order, where a key with
     * {@code delimiter} after the prefix ({@code prefixChars} code points) is followed directly by the first key after
     * its whole common prefix: a recursive walk of the live-keys index, one probe per row, so a page of 1,000
     * common prefixes is one statement however many keys they hide. {@code bump} is the delimiter's last character
     * plus one: replacing a common prefix's last character with it gives the prefix's successor.
     */
    @SqlQuery(SELECT_LISTED_WALK)
    List<ListedObject> liveSkipping(@Bind("bucket") String bucket, @Bind("from") String from,
            @Bind("inclusive") boolean inclusive, @Bind("to") String to, @Bind("prefixChars") int prefixChars,
            @Bind("delimiter") String delimiter, @Bind("bump") String bump, @Bind("limit") int limit);

    // the walk carries the listed columns itself: joining its keys back to objects let a generic plan (prepared
    // statements switch to one) hash the whole table, ~150 ms at 1M keys, for a page of 100 rows
    String SELECT_LISTED_WALK = """
            WITH RECURSIVE walk(key, size_bytes, md5_hex, part_count, last_modified, n) AS (
                (SELECT key, size_bytes, md5_hex, part_count, last_modified, 1 FROM objects
                 WHERE bucket = :bucket AND NOT deleted AND key >= :from AND (key > :from OR :inclusive)
                   AND (CAST(:to AS text) IS NULL OR key < :to)
                 ORDER BY key LIMIT 1)
              UNION ALL
                SELECT next.key, next.size_bytes, next.md5_hex, next.part_count, next.last_modified, walk.n + 1
                FROM walk CROSS JOIN LATERAL (
                    SELECT o.key, o.size_bytes, o.md5_hex, o.part_count, o.last_modified FROM objects AS o
                    WHERE o.bucket = :bucket AND NOT o.deleted AND o.key > walk.key
                      AND o.key >= (CASE
                          WHEN strpos(substr(walk.key, :prefixChars + 1), :delimiter) = 0 THEN walk.key
                          ELSE left(walk.key, :prefixChars + strpos(substr(walk.key, :prefixChars + 1), :delimiter)
                                              + char_length(:delimiter) - 2) || CAST(:bump AS text)
                          END) COLLATE "C"
                      AND (CAST(:to AS text) IS NULL OR o.key < :to)
                    ORDER BY o.key LIMIT 1) AS next
                WHERE walk.n < :limit
            )
            SELECT key, size_bytes, md5_hex, part_count, last_modified FROM walk ORDER BY n
            """;

    /** Replaces the live version's tags if it is still {@code objectVersion} and no newer tag set is there. */
    @SqlUpdate("""
            UPDATE objects SET tags = jsonb_object(CAST(:tags AS text[])), tags_version_id = :tagsVersion
            WHERE bucket = :bucket AND key = :key AND version_id = :objectVersion AND NOT deleted
              AND (tags_version_id IS NULL OR tags_version_id < :tagsVersion)
            """)
    int replaceTags(@Bind("bucket") String bucket, @Bind("key") String key,
            @Bind("objectVersion") String objectVersion, @Bind("tagsVersion") String tagsVersion,
            @Bind("tags") String[] tags);

    /** Reads {@link ListedObject}: the ETag as S3 shows it, {@code "md5"} or {@code "md5-parts"} (quoted). */
    final class ListedObjectMapper implements RowMapper<ListedObject> {
        @Override
        public ListedObject map(ResultSet rs, StatementContext ctx) throws SQLException {
            String etag = ObjectManifest.etag(rs.getString("md5_hex"), rs.getInt("part_count"));
            // a Timestamp, not an OffsetDateTime: the driver builds that from six more objects (zone rules among
            // them), a quarter of a 1,000-key page's garbage; both carry the stored instant to the microsecond
            return new ListedObject(rs.getString("key"), rs.getLong("size_bytes"), etag,
                    rs.getTimestamp("last_modified").toInstant());
        }
    }
}
