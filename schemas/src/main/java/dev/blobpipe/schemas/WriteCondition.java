package dev.blobpipe.schemas;

import java.util.Objects;

/**
 * A precondition of a write on the key's current version (S3 conditional writes): {@code If-None-Match: *} (the key
 * must have no live version) or {@code If-Match: "etag"} (its live version must have that ETag). The indexer decides
 * it while applying the write, so of two racing writers exactly one can win; a failed condition is the event's
 * REJECTED outcome.
 */
public record WriteCondition(Kind kind, String etag) {
    /** The two preconditions S3 supports on writes. */
    public enum Kind { IF_NONE_MATCH_ANY, IF_MATCH }

    public WriteCondition {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.IF_MATCH) == (etag == null)) {
            throw new IllegalArgumentException("If-Match needs an ETag, If-None-Match: * has none");
        }
    }

    public static WriteCondition ifNoneMatchAny() {
        return new WriteCondition(Kind.IF_NONE_MATCH_ANY, null);
    }

    /** {@code etag} as S3 writes it, quoted ("md5" or "md5-N"). */
    public static WriteCondition ifMatch(String etag) {
        return new WriteCondition(Kind.IF_MATCH, etag);
    }

    /** Whether a key whose live version has {@code currentEtag} (null: no live version) passes. */
    public boolean allows(String currentEtag) {
        return kind == Kind.IF_NONE_MATCH_ANY ? currentEtag == null : etag.equals(currentEtag);
    }
}
