package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.ListedObject;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.VersionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL on {@code objects}: one row per key holding its newest version (live or tombstone). Range queries compare keys
 * with {@code COLLATE "C"} columns and range predicates only; keys may contain {@code %} and {@code _}, so never LIKE.
 * The lookup of a live object by key runs in plain JDBC ({@link HotLookups}, {@link LiveObjectColumns}).
 */
@RegisterRowMapper(ObjectDao.CurrentVersionMapper.class)
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

    /** The key's current version, row-locked until the transaction ends; empty if the key never existed. */
    @SqlQuery("""
            SELECT version_id, deleted, md5_hex, blob_name, blob_offset, blob_length, part_count, tags_version_id
            FROM objects WHERE bucket = :bucket AND key = :key
            FOR UPDATE
            """)
    Optional<CurrentVersion> lockCurrent(@Bind("bucket") String bucket, @Bind("key") String key);

    /** Inserts the first version of a key; 0 if a concurrent transaction inserted the key first. */
    @SqlUpdate("""
            INSERT INTO objects (bucket, key, version_id, deleted, upload_id, size_bytes, chunk_count, md5_hex,
                                 sha256_hex, last_modified, content_type, content_encoding, content_disposition,
                                 cache_control, expires, user_metadata, checksums, tags, blob_name, blob_offset,
                                 blob_length, part_count)
            VALUES (:bucket, :key, :versionId, :deleted, :uploadId, :sizeBytes, :chunkCount, :md5Hex,
                    :sha256Hex, :lastModified, :contentType, :contentEncoding, :contentDisposition,
                    :cacheControl, :expires, jsonb_object(CAST(:userMetadata AS text[])),
                    jsonb_object(CAST(:checksums AS text[])), jsonb_object(CAST(:tags AS text[])), :blobName,
                    :blobOffset, :blobLength, :partCount)
            ON CONFLICT (bucket, key) DO NOTHING
            """)
    int insertFirst(@BindMethods ObjectRow row);

    /** Replaces the key's row if, and only if, it holds an older version (last writer wins). */
    @SqlUpdate("""
            UPDATE objects SET version_id = :versionId, deleted = :deleted, upload_id = :uploadId,
                   size_bytes = :sizeBytes, chunk_count = :chunkCount, md5_hex = :md5Hex, sha256_hex = :sha256Hex,
                   last_modified = :lastModified, content_type = :contentType, content_encoding = :contentEncoding,
                   content_disposition = :contentDisposition, cache_control = :cacheControl, expires = :expires,
                   user_metadata = jsonb_object(CAST(:userMetadata AS text[])),
                   checksums = jsonb_object(CAST(:checksums AS text[])),
                   tags = jsonb_object(CAST(:tags AS text[])), tags_version_id = NULL,
                   blob_name = :blobName, blob_offset = :blobOffset, blob_length = :blobLength,
                   part_count = :partCount
            WHERE bucket = :bucket AND key = :key AND version_id < :versionId
            """)
    int replaceOlder(@BindMethods ObjectRow row);

    /** Replaces the live version's tags if it is still {@code objectVersion} and no newer tag set is there. */
    @SqlUpdate("""
            UPDATE objects SET tags = jsonb_object(CAST(:tags AS text[])), tags_version_id = :tagsVersion
            WHERE bucket = :bucket AND key = :key AND version_id = :objectVersion AND NOT deleted
              AND (tags_version_id IS NULL OR tags_version_id < :tagsVersion)
            """)
    int replaceTags(@Bind("bucket") String bucket, @Bind("key") String key,
            @Bind("objectVersion") String objectVersion, @Bind("tagsVersion") String tagsVersion,
            @Bind("tags") String[] tags);

    /**
     * The version a key holds and, if live, its ETag and where its bytes are: {@code location} for an object uploaded
     * whole, or {@code partCount} extents (in {@code object_extents}) for a multipart object. {@code tagsVersion} is
     * the version of the tag set that gave the current tags, null while they are the upload's.
     */
    record CurrentVersion(VersionId versionId, boolean deleted, String md5Hex, ObjectLocation location,
            int partCount, VersionId tagsVersion) {
        /** The live version's S3 ETag ("md5" or "md5-N"), null for a tombstone. */
        public String etag() {
            if (deleted) {
                return null;
            }
            return '"' + md5Hex + (partCount > 0 ? "-" + partCount : "") + '"';
        }
    }

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

    /** Reads {@link CurrentVersion}. */
    final class CurrentVersionMapper implements RowMapper<CurrentVersion> {
        @Override
        public CurrentVersion map(ResultSet rs, StatementContext ctx) throws SQLException {
            String blobName = rs.getString("blob_name");
            ObjectLocation location = blobName == null ? null
                    : new ObjectLocation(blobName, rs.getLong("blob_offset"), rs.getLong("blob_length"));
            String tagsVersion = rs.getString("tags_version_id");
            return new CurrentVersion(VersionId.parse(rs.getString("version_id")), rs.getBoolean("deleted"),
                    rs.getString("md5_hex"), location, rs.getInt("part_count"),
                    tagsVersion == null ? null : VersionId.parse(tagsVersion));
        }
    }
}
