package dev.blobpipe.catalog;

import dev.blobpipe.schemas.VersionId;
import java.time.Instant;
import java.util.Objects;

/** A live object version a lifecycle rule selects: which key, which version, and when it was last modified. */
public record ExpiringObject(String bucket, String key, VersionId versionId, Instant lastModified) {
    public ExpiringObject {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
