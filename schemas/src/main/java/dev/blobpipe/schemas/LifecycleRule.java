package dev.blobpipe.schemas;

import java.util.Map;
import java.util.Objects;

/**
 * One lifecycle rule of a bucket, as PutBucketLifecycleConfiguration gives it: which live objects it selects (a key
 * prefix, "" for all, and tags every selected object must carry) and what it does to them: expire them
 * {@code expirationDays} after their last modification, and abort multipart uploads {@code abortAfterDays} after
 * their initiation. A day count of 0 means the rule has no such action (S3 requires positive counts). A disabled rule
 * is kept, and shown, but does nothing. {@code legacyPrefix}: the prefix was given as the rule's own {@code <Prefix>}
 * rather than in a {@code <Filter>}, and is shown back that way.
 */
public record LifecycleRule(String id, boolean enabled, String prefix, Map<String, String> tags, boolean legacyPrefix,
        int expirationDays, int abortAfterDays) {
    public LifecycleRule {
        id = Objects.requireNonNullElse(id, "");
        prefix = Objects.requireNonNullElse(prefix, "");
        tags = Map.copyOf(tags);
        if (expirationDays < 0 || abortAfterDays < 0) {
            throw new IllegalArgumentException("day counts are never negative");
        }
        if (expirationDays == 0 && abortAfterDays == 0) {
            throw new IllegalArgumentException("a lifecycle rule needs at least one action");
        }
        if (legacyPrefix && !tags.isEmpty()) {
            throw new IllegalArgumentException("a legacy prefix rule has no tags");
        }
    }

    /** Whether the rule expires objects. */
    public boolean expires() {
        return expirationDays > 0;
    }

    /** Whether the rule aborts incomplete multipart uploads. */
    public boolean abortsUploads() {
        return abortAfterDays > 0;
    }
}
