package dev.blobpipe.catalog;

import dev.blobpipe.schemas.LifecycleRule;
import java.util.List;
import java.util.Objects;

/** A live bucket's lifecycle configuration: its rules in the order they were given. */
public record BucketLifecycle(String bucket, List<LifecycleRule> rules) {
    public BucketLifecycle {
        Objects.requireNonNull(bucket, "bucket");
        rules = List.copyOf(rules);
    }
}
