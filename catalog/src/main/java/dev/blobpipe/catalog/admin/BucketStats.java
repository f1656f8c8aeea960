package dev.blobpipe.catalog.admin;

import java.util.Objects;

/**
 * What one live bucket holds. {@code deadBytes} sums the bucket's {@code dead_blobs} ranges: bytes of superseded,
 * deleted or rejected versions not yet collected. Copies share blobs, so a dead range may still be used by a live
 * version: it is an upper bound on what the compactor can reclaim. {@code segments} counts the pack segments that
 * hold the bucket's live objects uploaded whole (a segment may hold objects of several buckets).
 */
public record BucketStats(String bucket, long objects, long bytes, long deadBytes, long segments,
        long openMultipartUploads) {
    public BucketStats {
        Objects.requireNonNull(bucket, "bucket");
    }
}
