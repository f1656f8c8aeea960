package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.MultipartUpload;
import dev.blobpipe.catalog.PartInfo;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.PartOf;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
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
 * SQL on {@code multipart_uploads} and {@code multipart_parts}: every upload ever started (open, completed or
 * aborted) and the newest upload of each of its part numbers. Readers see parts and uploads of open uploads only.
 */
@RegisterRowMapper(MultipartDao.UploadStateMapper.class)
@RegisterRowMapper(MultipartDao.PartStateMapper.class)
@RegisterRowMapper(MultipartDao.MultipartUploadMapper.class)
@RegisterRowMapper(MultipartDao.PartInfoMapper.class)
public interface MultipartDao {

    String SELECT_UPLOAD = """
            SELECT upload_id, bucket, key, version_id, initiated_at, content_type, content_encoding,
                   content_disposition, cache_control, expires, catalog_pairs(user_metadata) AS user_metadata_pairs,
                   catalog_pairs(checksums) AS checksum_pairs, catalog_pairs(tags) AS tag_pairs
            FROM multipart_uploads
            """;

    /** Records a started upload; 0 if it is known already (a replay). */
    @SqlUpdate("""
            INSERT INTO multipart_uploads (upload_id, bucket, key, version_id, initiated_at, state, content_type,
                                           content_encoding, content_disposition, cache_control, expires,
                                           user_metadata, checksums, tags)
            VALUES (:uploadId, :bucket, :key, :versionId, :initiatedAt, 'open', :contentType, :contentEncoding,
                    :contentDisposition, :cacheControl, :expires, jsonb_object(CAST(:userMetadata AS text[])),
                    jsonb_object(CAST(:checksums AS text[])), jsonb_object(CAST(:tags AS text[])))
            ON CONFLICT (upload_id) DO NOTHING
            """)
    int insertUpload(@Bind("uploadId") String uploadId, @Bind("bucket") String bucket, @Bind("key") String key,
            @Bind("versionId") String versionId, @Bind("initiatedAt") Instant initiatedAt,
            @Bind("contentType") String contentType, @Bind("contentEncoding") String contentEncoding,
            @Bind("contentDisposition") String contentDisposition, @Bind("cacheControl") String cacheControl,
            @Bind("expires") String expires, @Bind("userMetadata") String[] userMetadata,
            @Bind("checksums") String[] checksums, @Bind("tags") String[] tags);

    default int insertUpload(ObjectEvent.MultipartStarted started) {
        ObjectMetadata metadata = started.metadata();
        return insertUpload(started.multipartUploadId().value(), started.bucket(), started.key(),
                started.versionId().toString(), started.initiatedAt().truncatedTo(ChronoUnit.MICROS),
                metadata.contentType(), metadata.contentEncoding(), metadata.contentDisposition(),
                metadata.cacheControl(), metadata.expires(), MetadataColumns.toPairs(metadata.userMetadata()),
                MetadataColumns.toPairs(metadata.checksums()), MetadataColumns.toPairs(metadata.tags()));
    }

    /** An upload's state, row-locked until the transaction ends, so its parts and its closing are decided in turn. */
    @SqlQuery("""
            SELECT bucket, key, state, closed_version_id FROM multipart_uploads WHERE upload_id = :uploadId
            FOR UPDATE
            """)
    Optional<UploadState> lockUpload(@Bind("uploadId") String uploadId);

    /** Closes an open upload as completed or aborted by the event of {@code closedVersion}. */
    @SqlUpdate("""
            UPDATE multipart_uploads SET state = :state, closed_version_id = :closedVersion
            WHERE upload_id = :uploadId AND state = 'open'
            """)
    int close(@Bind("uploadId") String uploadId, @Bind("state") String state,
            @Bind("closedVersion") String closedVersion);

    /** The current version and location of one part number, if any was applied. */
    @SqlQuery("""
            SELECT part_number, version_id, blob_name, blob_offset, blob_length FROM multipart_parts
            WHERE upload_id = :uploadId AND part_number = :partNumber
            """)
    Optional<PartState> part(@Bind("uploadId") String uploadId, @Bind("partNumber") int partNumber);

    /** The current version and location of every part number of an upload, by part number. */
    @SqlQuery("""
            SELECT part_number, version_id, blob_name, blob_offset, blob_length FROM multipart_parts
            WHERE upload_id = :uploadId ORDER BY part_number
            """)
    List<PartState> allParts(@Bind("uploadId") String uploadId);

    @SqlUpdate("""
            INSERT INTO multipart_parts (upload_id, part_number, version_id, bucket, key, size_bytes, chunk_count,
                                         md5_hex, sha256_hex, last_modified, content_type, content_encoding,
                                         content_disposition, cache_control, expires, user_metadata, checksums,
                                         blob_name, blob_offset, blob_length)
            VALUES (:uploadId, :partNumber, :versionId, :bucket, :key, :sizeBytes, :chunkCount, :md5Hex,
                    :sha256Hex, :lastModified, :contentType, :contentEncoding, :contentDisposition, :cacheControl,
                    :expires, jsonb_object(CAST(:userMetadata AS text[])), jsonb_object(CAST(:checksums AS text[])),
                    :blobName, :blobOffset, :blobLength)
            ON CONFLICT (upload_id, part_number) DO UPDATE SET
                version_id = excluded.version_id, bucket = excluded.bucket, key = excluded.key,
                size_bytes = excluded.size_bytes, chunk_count = excluded.chunk_count, md5_hex = excluded.md5_hex,
                sha256_hex = excluded.sha256_hex, last_modified = excluded.last_modified,
                content_type = excluded.content_type, content_encoding = excluded.content_encoding,
                content_disposition = excluded.content_disposition, cache_control = excluded.cache_control,
                expires = excluded.expires, user_metadata = excluded.user_metadata, checksums = excluded.checksums,
                blob_name = excluded.blob_name, blob_offset = excluded.blob_offset, blob_length = excluded.blob_length
            WHERE multipart_parts.version_id < excluded.version_id
            """)
    int upsertNewerPart(@BindMethods PartRow row);

    @SqlQuery(SELECT_UPLOAD + "WHERE upload_id = :uploadId AND bucket = :bucket AND state = 'open'")
    Optional<MultipartUpload> openUpload(@Bind("bucket") String bucket, @Bind("uploadId") String uploadId);

    /** The version of the completion that closed an upload of this bucket and key; empty unless completed. */
    @SqlQuery("""
            SELECT closed_version_id FROM multipart_uploads
            WHERE upload_id = :uploadId AND bucket = :bucket AND key = :key AND state = 'completed'
            """)
    Optional<String> completionVersion(@Bind("bucket") String bucket, @Bind("key") String key,
            @Bind("uploadId") String uploadId);

    /** Parts of an open upload above {@code afterPartNumber}, by part number. */
    @SqlQuery("""
            SELECT part.upload_id, part.part_number, part.version_id, part.bucket, part.key, part.size_bytes,
                   part.chunk_count, part.md5_hex, part.sha256_hex, part.last_modified, part.content_type,
                   part.content_encoding, part.content_disposition, part.cache_control, part.expires,
                   catalog_pairs(part.user_metadata) AS user_metadata_pairs,
                   catalog_pairs(part.checksums) AS checksum_pairs, part.blob_name, part.blob_offset, part.blob_length
            FROM multipart_parts AS part JOIN multipart_uploads AS upload USING (upload_id)
            WHERE part.upload_id = :uploadId AND upload.state = 'open' AND part.part_number > :after
            ORDER BY part.part_number
            LIMIT :limit
            """)
    List<PartInfo> openParts(@Bind("uploadId") String uploadId, @Bind("after") int afterPartNumber,
            @Bind("limit") int limit);

    /**
     * Open uploads of a bucket with {@code from <= key} and ({@code unbounded} or {@code key < to}), after the marker
     * position when {@code hasMarker}: after ({@code keyMarker}, the marker upload's initiation time,
     * {@code uploadIdMarker}), or after every upload of {@code keyMarker} when the marker upload is null or not one of
     * {@code keyMarker}'s. Ordered by key (bytes), initiation time, upload id.
     */
    @SqlQuery(SELECT_UPLOAD + """
            WHERE bucket = :bucket AND state = 'open'
              AND key >= :from AND (:unbounded OR key < :to)
              AND (NOT :hasMarker OR key > :keyMarker
                   OR (key = :keyMarker AND (initiated_at, upload_id) > (
                        (SELECT marker.initiated_at FROM multipart_uploads AS marker
                         WHERE marker.upload_id = CAST(:uploadIdMarker AS text) AND marker.bucket = :bucket
                           AND marker.key = :keyMarker),
                        CAST(:uploadIdMarker AS text))))
            ORDER BY key, initiated_at, upload_id
            LIMIT :limit
            """)
    List<MultipartUpload> openUploads(@Bind("bucket") String bucket, @Bind("from") String from,
            @Bind("unbounded") boolean unbounded, @Bind("to") String to, @Bind("hasMarker") boolean hasMarker,
            @Bind("keyMarker") String keyMarker, @Bind("uploadIdMarker") String uploadIdMarker,
            @Bind("limit") int limit);

    /**
     * Open uploads initiated before {@code cutoff}, oldest first, after the (initiated, upload id) cursor
     * {@code (afterInitiated, afterUploadId)}; start with the epoch and "" (no upload has either).
     */
    @SqlQuery(SELECT_UPLOAD + """
            WHERE state = 'open' AND initiated_at < :cutoff
              AND (initiated_at, upload_id) > (:afterInitiated, CAST(:afterUploadId AS text))
            ORDER BY initiated_at, upload_id
            LIMIT :limit
            """)
    List<MultipartUpload> openInitiatedBefore(@Bind("cutoff") Instant cutoff,
            @Bind("afterInitiated") Instant afterInitiated, @Bind("afterUploadId") String afterUploadId,
            @Bind("limit") int limit);

    /** Which key an upload is for and whether it is still open; {@code closedVersion} null while open. */
    record UploadState(String bucket, String key, String state, VersionId closedVersion) {
        public boolean isOpen() {
            return "open".equals(state);
        }

        public boolean isCompleted() {
            return "completed".equals(state);
        }

        public boolean isAborted() {
            return "aborted".equals(state);
        }
    }

    /** The current version of one part number and where its bytes are. */
    record PartState(int partNumber, VersionId versionId, ObjectLocation location) {
    }

    /** Reads {@link UploadState}. */
    final class UploadStateMapper implements RowMapper<UploadState> {
        @Override
        public UploadState map(ResultSet rs, StatementContext ctx) throws SQLException {
            String closed = rs.getString("closed_version_id");
            return new UploadState(rs.getString("bucket"), rs.getString("key"), rs.getString("state"),
                    closed == null ? null : VersionId.parse(closed));
        }
    }

    /** Reads {@link PartState}. */
    final class PartStateMapper implements RowMapper<PartState> {
        @Override
        public PartState map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new PartState(rs.getInt("part_number"), VersionId.parse(rs.getString("version_id")),
                    new ObjectLocation(rs.getString("blob_name"), rs.getLong("blob_offset"),
                            rs.getLong("blob_length")));
        }
    }

    /** Reads a row of {@link #SELECT_UPLOAD} into a {@link MultipartUpload}. */
    final class MultipartUploadMapper implements RowMapper<MultipartUpload> {
        @Override
        public MultipartUpload map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new MultipartUpload(new UploadId(rs.getString("upload_id")), rs.getString("bucket"),
                    rs.getString("key"), VersionId.parse(rs.getString("version_id")),
                    rs.getObject("initiated_at", OffsetDateTime.class).toInstant(), MetadataColumns.readTagged(rs));
        }
    }

    /** Reads a part row into a {@link PartInfo}, its manifest rebuilt with {@code partOf} set. */
    final class PartInfoMapper implements RowMapper<PartInfo> {
        @Override
        public PartInfo map(ResultSet rs, StatementContext ctx) throws SQLException {
            int partNumber = rs.getInt("part_number");
            var manifest = new ObjectManifest(rs.getString("bucket"), rs.getString("key"),
                    VersionId.parse(rs.getString("version_id")), rs.getLong("size_bytes"), rs.getLong("chunk_count"),
                    rs.getString("md5_hex"), rs.getString("sha256_hex"),
                    rs.getObject("last_modified", OffsetDateTime.class).toInstant(), MetadataColumns.read(rs),
                    new PartOf(new UploadId(rs.getString("upload_id")), partNumber), 0);
            return new PartInfo(partNumber, manifest, new ObjectLocation(rs.getString("blob_name"),
                    rs.getLong("blob_offset"), rs.getLong("blob_length")));
        }
    }
}
