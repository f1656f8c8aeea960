package dev.blobpipe.catalog.admin;

import java.time.Instant;
import java.util.Objects;

/** A live object matched by {@link ObjectSearch}; {@code etag} is S3's ETag without the quotes. */
public record FoundObject(String key, long sizeBytes, Instant lastModified, String etag) {
    public FoundObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(etag, "etag");
    }
}
