package dev.blobpipe.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * One object as a listing shows it (ListObjects' Contents): read from the catalog without the object's metadata,
 * checksums or extents, so a page of 1,000 keys costs an index range scan and nothing per row.
 */
public record ListedObject(String key, long sizeBytes, String etag, Instant lastModified) {
    public ListedObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    /** The listing entry of a stored object (for catalogs that hold whole objects, such as test doubles). */
    public static ListedObject of(StoredObject object) {
        return new ListedObject(object.manifest().key(), object.manifest().sizeBytes(), object.manifest().etag(),
                object.manifest().lastModified());
    }
}
