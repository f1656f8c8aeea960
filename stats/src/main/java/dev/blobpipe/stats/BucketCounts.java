package dev.blobpipe.stats;

import java.util.Objects;

/** A bucket's live objects and their bytes, as the stats count them. */
public record BucketCounts(String bucket, long objects, long bytes) {
    public BucketCounts {
        Objects.requireNonNull(bucket, "bucket");
    }
}
