package dev.blobpipe.catalog;

import dev.blobpipe.schemas.VersionId;
import java.util.Objects;
import java.util.Optional;

/**
 * A key looked up with its bucket in one go ({@link Catalog#objectInBucket}): the live bucket, the key's live version
 * in it and the key's newest version (deletes included). Without a live bucket all three are empty, whatever rows its
 * name may still hold.
 */
public record ObjectInBucket(Optional<BucketInfo> bucket, Optional<StoredObject> object,
        Optional<VersionId> newestVersion) {
    public ObjectInBucket {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(newestVersion, "newestVersion");
        if (bucket.isEmpty() && (object.isPresent() || newestVersion.isPresent())) {
            throw new IllegalArgumentException("no object without a live bucket");
        }
        if (object.isPresent() && !newestVersion.equals(Optional.of(object.get().manifest().versionId()))) {
            throw new IllegalArgumentException("a live object is its key's newest version");
        }
    }

    /** The answer for a name that holds no live bucket. */
    public static ObjectInBucket noBucket() {
        return new ObjectInBucket(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
