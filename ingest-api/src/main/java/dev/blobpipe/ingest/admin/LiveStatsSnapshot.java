package dev.blobpipe.ingest.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The live stats at one moment: per bucket live objects and bytes, PUTs and DELETEs per bucket and minute, and the
 * uploads idle past {@code idleThreshold}.
 */
public record LiveStatsSnapshot(List<Bucket> buckets, List<Minute> minutes, List<IdleUpload> idleUploads,
        Duration idleThreshold) {

    public LiveStatsSnapshot {
        buckets = List.copyOf(buckets);
        minutes = List.copyOf(minutes);
        idleUploads = List.copyOf(idleUploads);
        Objects.requireNonNull(idleThreshold, "idleThreshold");
    }

    /** A bucket's live objects and bytes. */
    public record Bucket(String bucket, long objects, long bytes) {
        public Bucket {
            Objects.requireNonNull(bucket, "bucket");
        }
    }

    /** PUTs and DELETEs applied to a bucket in the minute from {@code start}. */
    public record Minute(String bucket, Instant start, long puts, long deletes) {
        public Minute {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(start, "start");
        }
    }

    /** An upload with chunks and neither commit nor abort, quiet since {@code lastSeen}. */
    public record IdleUpload(String uploadId, Instant firstSeen, Instant lastSeen, long chunks, long bytes) {
        public IdleUpload {
            Objects.requireNonNull(uploadId, "uploadId");
            Objects.requireNonNull(firstSeen, "firstSeen");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }
    }
}
