package dev.blobpipe.catalog;

import dev.blobpipe.catalog.internal.KeyRange;
import dev.blobpipe.catalog.internal.LifecycleDao;
import dev.blobpipe.catalog.internal.MetadataColumns;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * What the compactor's lifecycle expirer asks the catalog: which buckets have lifecycle rules, and which live objects
 * and open multipart uploads a rule selects. Every answer is one page in a stable order, continued from the last item
 * of the previous page (keyset pagination), so memory stays bounded whatever the bucket holds. A prefix is a key range
 * ({@code prefix <= key < successor(prefix)}), never LIKE. Thread-safe; every call borrows a pooled connection briefly.
 */
public final class LifecycleCatalog {
    private final Jdbi jdbi;

    public LifecycleCatalog(CatalogDatabase database) {
        this.jdbi = Objects.requireNonNull(database, "database").jdbi();
    }

    /**
     * Up to {@code limit} live buckets named after {@code afterBucket} ("" to start) that have at least one enabled
     * rule, by name, each with all its rules in order.
     */
    public List<BucketLifecycle> bucketsWithRules(String afterBucket, int limit) {
        Objects.requireNonNull(afterBucket, "afterBucket");
        requirePositive(limit);
        return LifecycleDao.group(
                jdbi.withExtension(LifecycleDao.class, lifecycle -> lifecycle.bucketsWithRules(afterBucket, limit)));
    }

    /**
     * Up to {@code limit} live objects of {@code bucket} whose key starts with {@code prefix}, last modified before
     * {@code cutoff}, whose tags include every entry of {@code tags}; in key (byte) order, after {@code afterKey}
     * (null to start).
     */
    public List<ExpiringObject> objectsModifiedBefore(String bucket, String prefix, Map<String, String> tags,
            Instant cutoff, String afterKey, int limit) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(cutoff, "cutoff");
        requirePositive(limit);
        String to = KeyRange.successor(prefix);
        String from = afterKey == null ? prefix : afterKey;
        String[] tagPairs = MetadataColumns.toPairs(tags);
        return jdbi.withExtension(LifecycleDao.class, lifecycle -> lifecycle.liveModifiedBefore(bucket, from,
                afterKey == null, to == null, to == null ? "" : to, cutoff, tagPairs, limit));
    }

    /**
     * Up to {@code limit} open multipart uploads of {@code bucket} whose key starts with {@code prefix}, initiated
     * before {@code cutoff}; ordered by key, initiation time and upload id, after {@code after} (null to start).
     */
    public List<MultipartUpload> uploadsInitiatedBefore(String bucket, String prefix, Instant cutoff,
            MultipartUpload after, int limit) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(cutoff, "cutoff");
        requirePositive(limit);
        String to = KeyRange.successor(prefix);
        String afterKey = after == null ? "" : after.key();
        Instant afterInitiated = after == null ? Instant.EPOCH : after.initiatedAt();
        String afterUploadId = after == null ? "" : after.uploadId().value();
        return jdbi.withExtension(LifecycleDao.class, lifecycle -> lifecycle.openInitiatedBefore(bucket, prefix,
                to == null, to == null ? "" : to, cutoff, afterKey, afterInitiated, afterUploadId, limit));
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }
}
