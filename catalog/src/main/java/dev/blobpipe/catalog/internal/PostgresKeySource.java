package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.ListedObject;
import java.util.List;

/**
 * Live keys of one bucket for {@link Listing}, read in the caller's transaction. Jumping over common prefixes is one
 * statement ({@link ObjectDao#liveSkipping}); only a delimiter ending in U+10FFFF, whose common prefixes have no
 * successor ending in one character, falls back to the walk of range queries.
 */
public final class PostgresKeySource implements Listing.KeySource {
    private final ObjectDao objects;
    private final String bucket;

    public PostgresKeySource(ObjectDao objects, String bucket) {
        this.objects = objects;
        this.bucket = bucket;
    }

    @Override
    public List<ListedObject> fetch(String from, boolean inclusive, String toExclusive, int limit) {
        return toExclusive == null
                ? objects.liveFrom(bucket, from, inclusive, limit)
                : objects.liveBetween(bucket, from, inclusive, toExclusive, limit);
    }

    @Override
    public List<ListedObject> fetchSkipping(String from, boolean inclusive, String toExclusive, String prefix,
            String delimiter, int limit) {
        String bump = lastCharacterBumped(delimiter);
        if (bump == null) {
            return Listing.KeySource.super.fetchSkipping(from, inclusive, toExclusive, prefix, delimiter, limit);
        }
        return objects.liveSkipping(bucket, from, inclusive, toExclusive, prefix.codePointCount(0, prefix.length()),
                delimiter, bump, limit);
    }

    /** The delimiter's last code point plus one (skipping the surrogate range), or null for U+10FFFF. */
    private static String lastCharacterBumped(String delimiter) {
        String successor = KeyRange.successor(delimiter);
        int last = delimiter.codePointBefore(delimiter.length());
        if (successor == null || last == Character.MAX_CODE_POINT) {
            return null;
        }
        return successor.substring(delimiter.length() - Character.charCount(last));
    }
}
