package dev.blobpipe.blobstore;

import java.time.Instant;
import java.util.Objects;

/** A blob as a listing shows it: name, size, and when it was last written. */
public record BlobInfo(String name, long sizeBytes, Instant lastModified) {
    public BlobInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
