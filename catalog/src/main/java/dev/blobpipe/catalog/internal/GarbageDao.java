package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.BlobUse;
import dev.blobpipe.catalog.CollectableBlob;
import dev.blobpipe.schemas.VersionId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The compactor's SQL over {@code dead_blobs}: which blobs are ripe for collection, whether anything still references
 * a blob, and forgetting the dead rows of a blob once it is dealt with. Works by blob NAME: a blob is collected whole,
 * never a range of it (see {@link dev.blobpipe.catalog.GarbageCatalog}).
 */
@RegisterRowMapper(GarbageDao.CollectableBlobMapper.class)
public interface GarbageDao {

    /**
     * Blobs after {@code afterBlobName} (in the column's order) ALL of whose dead rows are ripe: recorded before
     * {@code cutoff}, or the current part of an aborted multipart upload (no reader can be using it, so no grace). A
     * blob with one unripe row waits as a whole: that row's version may be a copy still being read.
     */
    @SqlQuery("""
            WITH dead AS (
                SELECT d.blob_name, d.version_id, d.blob_offset, d.blob_length,
                       d.recorded_at < :cutoff OR EXISTS (
                           SELECT 1 FROM multipart_parts AS part
                           JOIN multipart_uploads AS upload ON upload.upload_id = part.upload_id
                           WHERE part.version_id = d.version_id AND part.blob_name = d.blob_name
                             AND upload.state = 'aborted') AS ripe
                FROM dead_blobs AS d
                WHERE d.blob_name > :afterBlobName
            )
            SELECT blob_name, array_agg(version_id ORDER BY version_id) AS version_ids,
                   coalesce(max(blob_length) FILTER (WHERE blob_offset = 0), -1) AS from_start_length
            FROM dead
            GROUP BY blob_name
            HAVING bool_and(ripe)
            ORDER BY blob_name
            LIMIT :limit
            """)
    List<CollectableBlob> ripe(@Bind("cutoff") Instant cutoff, @Bind("afterBlobName") String afterBlobName,
            @Bind("limit") int limit);

    /**
     * How a blob is used, decided in one statement (one snapshot): a live version's location, an extent of a live
     * multipart object or a part of an open upload makes it {@code LIVE}; else a dead row under a version not in
     * {@code seenVersions} makes it {@code NEWLY_DEAD} (a version that used it died after the blob was found ripe);
     * else {@code UNUSED}. One snapshot matters: a completion turns open parts into extents, a supersession turns a
     * live row into a dead row, each in one transaction, so the statement sees every such use on one side or the other.
     */
    @SqlQuery("""
            SELECT CASE
                WHEN EXISTS (SELECT 1 FROM objects WHERE blob_name = :blobName AND NOT deleted)
                  OR EXISTS (SELECT 1 FROM object_extents WHERE blob_name = :blobName)
                  OR EXISTS (SELECT 1 FROM multipart_parts AS part
                             JOIN multipart_uploads AS upload ON upload.upload_id = part.upload_id
                             WHERE part.blob_name = :blobName AND upload.state = 'open')
                    THEN 'LIVE'
                WHEN EXISTS (SELECT 1 FROM dead_blobs
                             WHERE blob_name = :blobName AND NOT version_id = ANY (CAST(:seenVersions AS text[])))
                    THEN 'NEWLY_DEAD'
                ELSE 'UNUSED'
            END
            """)
    BlobUse use(@Bind("blobName") String blobName, @Bind("seenVersions") String[] seenVersions);

    /** Removes the dead rows of {@code blobName} under the given versions (no row recorded since). */
    @SqlUpdate("""
            DELETE FROM dead_blobs WHERE blob_name = :blobName AND version_id = ANY (CAST(:versions AS text[]))
            """)
    int forget(@Bind("blobName") String blobName, @Bind("versions") String[] versions);

    /** Reads a row of {@link #ripe}. */
    final class CollectableBlobMapper implements RowMapper<CollectableBlob> {
        @Override
        public CollectableBlob map(ResultSet rs, StatementContext ctx) throws SQLException {
            Array array = rs.getArray("version_ids");
            List<VersionId> versions = new ArrayList<>();
            try {
                for (String version : (String[]) array.getArray()) {
                    versions.add(VersionId.parse(version));
                }
            } finally {
                array.free();
            }
            return new CollectableBlob(rs.getString("blob_name"), versions, rs.getLong("from_start_length"));
        }
    }
}
