package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.ListPage;
import dev.blobpipe.catalog.ListRequest;
import dev.blobpipe.catalog.ListedObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one page of a listing from range queries: walks live keys in byte order after the start, rolls keys that
 * have the delimiter after the prefix up into common prefixes, and jumps over the rest of a common prefix instead of
 * reading it. A {@link KeySource} that can jump in one statement (PostgreSQL: a recursive index walk) answers a whole
 * page with one query; the default {@link KeySource#fetchSkipping} walks with range queries, one new query per large
 * common prefix, so 1,000 "folders" of a million keys each cost about 1,000 small queries, not a scan of a billion
 * rows.
 *
 * <p>The default walk's batches start at the page size plus one row (a flat listing is one query); after a batch that
 * ended inside a common prefix they shrink to {@link #SKIP_BATCH} rows and grow again while batches end outside one.
 */
public final class Listing {
    /** Rows fetched right after jumping over a common prefix, when the next one may be large too. */
    static final int SKIP_BATCH = 32;
    /** Rows fetched at most per query. */
    static final int MAX_BATCH = 1001;

    /** Where live keys come from: byte-ordered range queries. */
    @FunctionalInterface
    public interface KeySource {
        /**
         * Live objects with {@code from <= key} ({@code from < key} unless inclusive) and {@code key < toExclusive}
         * (no upper bound when null), in byte order of keys, at most {@code limit}.
         */
        List<ListedObject> fetch(String from, boolean inclusive, String toExclusive, int limit);

        /**
         * Like {@link #fetch}, but once a key has {@code delimiter} after {@code prefix} every further key of that
         * common prefix is left out: each row is a key of its own or the first key of a common prefix, in byte
         * order, at most {@code limit} rows.
         */
        default List<ListedObject> fetchSkipping(String from, boolean inclusive, String toExclusive, String prefix,
                String delimiter, int limit) {
            List<ListedObject> entries = new ArrayList<>();
            String openPrefix = null; // the common prefix of the last entry: its further keys are skipped
            int batch = Math.min(limit, MAX_BATCH);
            while (true) {
                List<ListedObject> rows = fetch(from, inclusive, toExclusive, batch);
                for (ListedObject row : rows) {
                    if (openPrefix != null && row.key().startsWith(openPrefix)) {
                        continue;
                    }
                    entries.add(row);
                    if (entries.size() == limit) {
                        return entries;
                    }
                    openPrefix = KeyRange.commonPrefix(row.key(), prefix, delimiter);
                }
                if (rows.size() < batch) {
                    return entries;
                }
                String lastKey = rows.get(rows.size() - 1).key();
                if (openPrefix != null && lastKey.startsWith(openPrefix)) {
                    from = KeyRange.successor(openPrefix);
                    inclusive = true;
                    if (from == null || (toExclusive != null && KeyRange.compare(from, toExclusive) >= 0)) {
                        return entries;
                    }
                    batch = Math.min(SKIP_BATCH, batch);
                } else {
                    from = lastKey;
                    inclusive = false;
                    batch = Math.min(batch * 2, MAX_BATCH);
                }
            }
        }
    }

    private Listing() {
    }

    public static ListPage page(ListRequest request, KeySource source) {
        int maxKeys = request.maxKeys();
        if (maxKeys == 0) {
            return new ListPage(List.of(), List.of(), false, null); // S3 answers an empty, untruncated page
        }
        String prefix = request.prefix();
        String delimiter = request.delimiter();
        String upper = KeyRange.successor(prefix);

        String from = prefix;
        boolean inclusive = true;
        String startAfter = request.startAfter();
        if (startAfter != null && KeyRange.compare(startAfter, prefix) >= 0) {
            from = startAfter;
            inclusive = false;
            String startPrefix = delimiter != null && startAfter.startsWith(prefix)
                    ? KeyRange.commonPrefix(startAfter, prefix, delimiter) : null;
            if (startPrefix != null) {
                // startAfter is inside a common prefix (a continuation after it): everything under it is done
                from = KeyRange.successor(startPrefix);
                inclusive = true;
            }
        }
        if (from == null || (upper != null && KeyRange.compare(from, upper) >= 0)) {
            return new ListPage(List.of(), List.of(), false, null);
        }
        if (delimiter != null) {
            return rollUp(source.fetchSkipping(from, inclusive, upper, prefix, delimiter, maxKeys + 1), prefix,
                    delimiter, maxKeys);
        }
        List<ListedObject> objects = new ArrayList<>();
        while (true) {
            int limit = Math.min(maxKeys - objects.size() + 1, MAX_BATCH);
            List<ListedObject> rows = source.fetch(from, inclusive, upper, limit);
            for (ListedObject row : rows) {
                if (objects.size() == maxKeys) {
                    return new ListPage(objects, List.of(), true, objects.get(objects.size() - 1).key());
                }
                objects.add(row);
            }
            if (rows.size() < limit) {
                String last = objects.isEmpty() ? null : objects.get(objects.size() - 1).key();
                return new ListPage(objects, List.of(), false, last);
            }
            from = rows.get(rows.size() - 1).key();
            inclusive = false;
        }
    }

    /** A page of {@code maxKeys} entries from rows that are each a key or a common prefix's first key. */
    private static ListPage rollUp(List<ListedObject> rows, String prefix, String delimiter, int maxKeys) {
        List<ListedObject> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String lastEntry = null;
        for (ListedObject row : rows) {
            if (objects.size() + prefixes.size() == maxKeys) {
                return new ListPage(objects, prefixes, true, lastEntry);
            }
            String common = KeyRange.commonPrefix(row.key(), prefix, delimiter);
            if (common != null) {
                prefixes.add(common);
                lastEntry = common;
            } else {
                objects.add(row);
                lastEntry = row.key();
            }
        }
        return new ListPage(objects, prefixes, false, lastEntry);
    }
}
