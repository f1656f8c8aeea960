package dev.blobpipe.catalog;

import java.time.Instant;
import java.util.Objects;

/** A live bucket as the catalog knows it. */
public record BucketInfo(String name, Instant createdAt, String region) {
    public BucketInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(region, "region");
    }
}
