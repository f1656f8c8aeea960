package dev.blobpipe.catalog;

import java.util.Objects;

/**
 * One page of a listing: keys of {@code bucket} that start with {@code prefix} and sort (byte-wise) after
 * {@code startAfter}, with keys that contain {@code delimiter} after the prefix rolled up into common prefixes.
 * {@code delimiter} and {@code startAfter} may be null.
 */
public record ListRequest(String bucket, String prefix, String delimiter, String startAfter, int maxKeys) {
    public ListRequest {
        Objects.requireNonNull(bucket, "bucket");
        prefix = prefix == null ? "" : prefix;
        delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        if (maxKeys < 0) {
            throw new IllegalArgumentException("maxKeys must not be negative: " + maxKeys);
        }
    }
}
