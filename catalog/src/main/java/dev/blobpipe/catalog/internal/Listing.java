package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.ListPage;
import dev.blobpipe.catalog.ListRequest;
import dev.blobpipe.catalog.ListedObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one page of a listing from range queries: walks live keys in byte order after the start, rolls keys that
 * have the delimiter after the prefix up into common prefixes, and jumps over the rest of a common prefix with one
 * new query starting at its {@link KeyRange#successor}. So 1,000 "folders" of a million keys each cost about 1,000
 * small queries, not a scan of a billion rows.
 *
 * <p>Batches start at {@code maxKeys + 1} rows (a flat listing is one query); after a batch that ended inside a common
 * prefix they shrink to {@link #SKIP_BATCH} rows and grow again while batches end outside one.
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
        List<ListedObject> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (from == null || (upper != null && KeyRange.compare(from, upper) >= 0)) {
            return new ListPage(objects, prefixes, false, null);
        }

        String lastEntry = null;
        String openPrefix = null; // the common prefix last emitted: its further keys are skipped
        int batch = Math.min(maxKeys + 1, MAX_BATCH);
        while (true) {
            int limit = delimiter == null ? Math.min(maxKeys - objects.size() + 1, MAX_BATCH) : batch;
            List<ListedObject> rows = source.fetch(from, inclusive, upper, limit);
            for (ListedObject row : rows) {
                String key = row.key();
                if (openPrefix != null && key.startsWith(openPrefix)) {
                    continue;
                }
                String common = delimiter == null ? null : KeyRange.commonPrefix(key, prefix, delimiter);
                if (objects.size() + prefixes.size() == maxKeys) {
                    return new ListPage(objects, prefixes, true, lastEntry);
                }
                if (common != null) {
                    prefixes.add(common);
                    openPrefix = common;
                    lastEntry = common;
                } else {
                    objects.add(row);
                    lastEntry = key;
                }
            }
            if (rows.size() < limit) {
                return new ListPage(objects, prefixes, false, lastEntry);
            }
            String lastKey = rows.get(rows.size() - 1).key();
            if (openPrefix != null && lastKey.startsWith(openPrefix)) {
                from = KeyRange.successor(openPrefix);
                inclusive = true;
                if (from == null || (upper != null && KeyRange.compare(from, upper) >= 0)) {
                    return new ListPage(objects, prefixes, false, lastEntry);
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
