package dev.blobpipe.catalog.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps to and from the flat {@code text[]} of key, value pairs that the SQL side turns into jsonb
 * ({@code jsonb_object(text[])}) and back ({@code catalog_pairs(jsonb)}).
 */
public final class MetadataColumns {
    private MetadataColumns() {
    }

    /** Key, value, key, value… in key order (order only keeps the column text stable). */
    public static String[] toPairs(Map<String, String> map) {
        String[] pairs = new String[map.size() * 2];
        int index = 0;
        for (Map.Entry<String, String> entry : new TreeMap<>(map).entrySet()) {
            pairs[index++] = entry.getKey();
            pairs[index++] = entry.getValue();
        }
        return pairs;
    }

    /** The map of a pairs array; an empty map for null (a tombstone row). */
    public static Map<String, String> fromPairs(String[] pairs) {
        if (pairs == null) {
            return Map.of();
        }
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of pair elements: " + pairs.length);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int index = 0; index < pairs.length; index += 2) {
            map.put(pairs[index], pairs[index + 1]);
        }
        return Map.copyOf(map);
    }
}
