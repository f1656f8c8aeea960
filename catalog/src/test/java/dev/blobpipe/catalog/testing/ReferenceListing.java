package dev.blobpipe.catalog.testing;

import dev.blobpipe.catalog.ListRequest;
import dev.blobpipe.catalog.internal.KeyRange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * S3 listing computed the obvious way from a whole key set: every key with the prefix after startAfter becomes an
 * entry (itself, or its common prefix), entries sort byte-wise, and a page is the first maxKeys of them. A common
 * prefix that startAfter lies inside is done already (it was the last entry of the previous page).
 */
public final class ReferenceListing {
    private ReferenceListing() {
    }

    /** One expected page: entries are keys and common prefixes, common prefixes end with the delimiter. */
    public record Page(List<String> keys, List<String> commonPrefixes, boolean truncated, String lastEntry) {
    }

    public static Page page(Collection<String> keys, ListRequest request) {
        String prefix = request.prefix();
        String delimiter = request.delimiter();
        String startAfter = request.startAfter();
        String finished = startAfter != null && delimiter != null && startAfter.startsWith(prefix)
                ? KeyRange.commonPrefix(startAfter, prefix, delimiter) : null;
        TreeSet<String> entries = new TreeSet<>(KeyRange.BYTE_ORDER);
        TreeSet<String> prefixes = new TreeSet<>(KeyRange.BYTE_ORDER);
        for (String key : keys) {
            if (!key.startsWith(prefix) || (startAfter != null && KeyRange.compare(key, startAfter) <= 0)) {
                continue;
            }
            String common = delimiter == null ? null : KeyRange.commonPrefix(key, prefix, delimiter);
            if (common != null) {
                if (!common.equals(finished)) {
                    entries.add(common);
                    prefixes.add(common);
                }
            } else {
                entries.add(key);
            }
        }
        List<String> pageKeys = new ArrayList<>();
        List<String> pagePrefixes = new ArrayList<>();
        String last = null;
        int taken = 0;
        for (String entry : entries) {
            if (taken == request.maxKeys()) {
                break;
            }
            (prefixes.contains(entry) ? pagePrefixes : pageKeys).add(entry);
            last = entry;
            taken++;
        }
        return new Page(pageKeys, pagePrefixes, entries.size() > taken, last);
    }
}
