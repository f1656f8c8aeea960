package dev.blobpipe.catalog.internal;

import dev.blobpipe.schemas.ObjectMetadata;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps to and from the flat {@code text[]} of key, value pairs that the SQL side turns into jsonb
 * ({@code jsonb_object(text[])}) and back ({@code catalog_pairs(jsonb)}).
 */
public final class MetadataColumns {
    /** How many columns {@link #read(ResultSet, int)} reads; the tags' pairs follow them. */
    public static final int COLUMNS = 7;

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

    /**
     * The metadata of a row read with the standard column names ({@code content_type} … {@code expires}) and the
     * pairs as {@code user_metadata_pairs} and {@code checksum_pairs}, in that order and side by side (as
     * {@link #read(ResultSet, int)} reads them).
     */
    public static ObjectMetadata read(ResultSet rs) throws SQLException {
        return read(rs, rs.findColumn("content_type"));
    }

    /** {@link #read} plus the tags, as pairs in {@code tag_pairs} right after {@code checksum_pairs}. */
    public static ObjectMetadata readTagged(ResultSet rs) throws SQLException {
        return readTagged(rs, rs.findColumn("content_type"));
    }

    /**
     * The metadata in the {@value #COLUMNS} columns from index {@code first}: content type, encoding, disposition,
     * cache control, expires, then the pairs of user metadata and of checksums. By index: a hot lookup saves the
     * driver's search by name.
     */
    public static ObjectMetadata read(ResultSet rs, int first) throws SQLException {
        return new ObjectMetadata(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2),
                rs.getString(first + 3), rs.getString(first + 4), fromPairs(textArray(rs, first + 5)),
                fromPairs(textArray(rs, first + 6)));
    }

    /** {@link #read(ResultSet, int)} plus the tags' pairs in the column after them. */
    public static ObjectMetadata readTagged(ResultSet rs, int first) throws SQLException {
        return read(rs, first).withTags(fromPairs(textArray(rs, first + COLUMNS)));
    }

    /** The map in a column of pairs (read through {@code catalog_pairs}). */
    public static Map<String, String> pairs(ResultSet rs, String column) throws SQLException {
        return fromPairs(textArray(rs, column));
    }

    private static String[] textArray(ResultSet rs, String column) throws SQLException {
        return textArray(rs, rs.findColumn(column));
    }

    private static String[] textArray(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return null;
        }
        try {
            return (String[]) array.getArray();
        } finally {
            array.free();
        }
    }
}
