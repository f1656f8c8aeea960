package dev.blobpipe.catalog.internal;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL that moves every reference to one blob range to another (the compactor copied the bytes). Matching is by the
 * exact range, so an overwrite or delete applied first (which replaced the row's location) is never undone.
 * Parts of open multipart uploads are not moved: the compactor leaves their ranges where they are, because a
 * completion already on its way names the parts' current locations.
 */
public interface LocationDao {

    @SqlUpdate("""
            UPDATE objects SET blob_name = :toName, blob_offset = :toOffset
            WHERE blob_name = :fromName AND blob_offset = :fromOffset AND blob_length = :length AND NOT deleted
            """)
    int moveObjects(@Bind("fromName") String fromName, @Bind("fromOffset") long fromOffset,
            @Bind("length") long length, @Bind("toName") String toName, @Bind("toOffset") long toOffset);

    @SqlUpdate("""
            UPDATE object_extents SET blob_name = :toName, blob_offset = :toOffset
            WHERE blob_name = :fromName AND blob_offset = :fromOffset AND blob_length = :length
            """)
    int moveExtents(@Bind("fromName") String fromName, @Bind("fromOffset") long fromOffset,
            @Bind("length") long length, @Bind("toName") String toName, @Bind("toOffset") long toOffset);
}
