package dev.blobpipe.catalog.internal;

import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.VersionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * SQL on {@code dead_blobs}: locations of versions that were superseded or lost, recorded when the indexer decided
 * so (in plain JDBC: {@link ObjectRowStatements}). The compactor collects garbage from these rows, never from blobs that merely look unreferenced.
 *
 * <p>A row means that one version no longer uses (or never used) that range, NOT that no version uses it: since
 * CopyObject ({@code ObjectCopied}) references the source's blobs in place, a range may be shared by several object
 * versions (the source, its copies, copies of copies), and a dead copy's or a rejected copy's location is usually still
 * the live source's. Before deleting bytes the compactor (issue 5) must check that no {@code objects} row, no
 * {@code object_extents} row and no part of an open multipart upload still references the range.
 */
@RegisterRowMapper(DeadBlobDao.DeadBlobMapper.class)
public interface DeadBlobDao {

    /** The oldest recorded dead locations first. */
    @SqlQuery("""
            SELECT version_id, blob_name, blob_offset, blob_length, bucket, key, recorded_at
            FROM dead_blobs ORDER BY recorded_at, version_id LIMIT :limit
            """)
    List<DeadBlob> oldest(@Bind("limit") int limit);

    /** Where a superseded or losing version's bytes are, and when the indexer found it dead. */
    record DeadBlob(VersionId versionId, ObjectLocation location, String bucket, String key, Instant recordedAt) {
    }

    /** Reads {@link DeadBlob}. */
    final class DeadBlobMapper implements RowMapper<DeadBlob> {
        @Override
        public DeadBlob map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new DeadBlob(VersionId.parse(rs.getString("version_id")),
                    new ObjectLocation(rs.getString("blob_name"), rs.getLong("blob_offset"),
                            rs.getLong("blob_length")),
                    rs.getString("bucket"), rs.getString("key"),
                    rs.getObject("recorded_at", OffsetDateTime.class).toInstant());
        }
    }
}
