package dev.blobpipe.catalog.internal;

import dev.blobpipe.schemas.ObjectLocation;
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
 * SQL on {@code object_extents}: where the bytes of the live version of a multipart object are, in object order. Rows
 * exist only for the version its {@code objects} row holds; they are read with the row by {@link ObjectDao}.
 */
@RegisterRowMapper(ExtentDao.LocationMapper.class)
public interface ExtentDao {

    /**
     * Stores a version's extents: element {@code seq} of each array is extent {@code seq}. With {@code uploadId} (a
     * completed multipart upload) each extent takes the checksums of that upload's part row of its number whose
     * location it is (the applier checked it is, under the upload's lock); without (a copy) the checksums stay empty.
     */
    @SqlUpdate("""
            INSERT INTO object_extents (bucket, key, version_id, seq, part_number, blob_name, blob_offset, blob_length,
                                        checksums)
            SELECT :bucket, :key, :versionId, extent.seq - 1, extent.part_number, extent.blob_name,
                   extent.blob_offset, extent.blob_length, coalesce(part.checksums, '{}')
            FROM unnest(CAST(:partNumbers AS int[]), CAST(:blobNames AS text[]), CAST(:blobOffsets AS bigint[]),
                        CAST(:blobLengths AS bigint[]))
                 WITH ORDINALITY AS extent(part_number, blob_name, blob_offset, blob_length, seq)
            LEFT JOIN multipart_parts AS part
                   ON part.upload_id = CAST(:uploadId AS text) AND part.part_number = extent.part_number
                  AND part.blob_name = extent.blob_name AND part.blob_offset = extent.blob_offset
                  AND part.blob_length = extent.blob_length
            ON CONFLICT DO NOTHING
            """)
    int insert(@Bind("bucket") String bucket, @Bind("key") String key, @Bind("versionId") String versionId,
            @Bind("partNumbers") int[] partNumbers, @Bind("blobNames") String[] blobNames,
            @Bind("blobOffsets") long[] blobOffsets, @Bind("blobLengths") long[] blobLengths,
            @Bind("uploadId") String uploadId);

    /** Removes a superseded version's extents and returns their locations (to be recorded dead). */
    @SqlQuery("""
            DELETE FROM object_extents WHERE bucket = :bucket AND key = :key AND version_id = :versionId
            RETURNING blob_name, blob_offset, blob_length
            """)
    List<ObjectLocation> remove(@Bind("bucket") String bucket, @Bind("key") String key,
            @Bind("versionId") String versionId);

    /** Reads {@code blob_name, blob_offset, blob_length} into an {@link ObjectLocation}. */
    final class LocationMapper implements RowMapper<ObjectLocation> {
        @Override
        public ObjectLocation map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ObjectLocation(rs.getString("blob_name"), rs.getLong("blob_offset"), rs.getLong("blob_length"));
        }
    }
}
