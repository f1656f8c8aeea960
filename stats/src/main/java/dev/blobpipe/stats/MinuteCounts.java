package dev.blobpipe.stats;

import java.time.Instant;
import java.util.Objects;

/** PUTs (new versions) and DELETEs (deletes and lifecycle expiries) applied to a bucket in the minute from start. */
public record MinuteCounts(String bucket, Instant start, long puts, long deletes) {
    public MinuteCounts {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(start, "start");
    }
}
