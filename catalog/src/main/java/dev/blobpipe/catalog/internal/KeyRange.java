package dev.blobpipe.catalog.internal;

import java.util.Comparator;

/**
 * Key-range maths for listing. Keys are ordered as UTF-8 bytes, which is code point order and what PostgreSQL's
 * {@code COLLATE "C"} gives in a UTF8 database; {@link String#compareTo} compares UTF-16 units and differs from it
 * above U+FFFF, so nothing here uses it.
 */
public final class KeyRange {
    /** Byte order of keys, as stored and listed. */
    public static final Comparator<String> BYTE_ORDER = KeyRange::compare;

    private KeyRange() {
    }

    /** Compares two keys by code point, the order of their UTF-8 bytes. */
    public static int compare(String left, String right) {
        int index = 0;
        while (index < left.length() && index < right.length()) {
            int leftPoint = left.codePointAt(index);
            int rightPoint = right.codePointAt(index);
            if (leftPoint != rightPoint) {
                return Integer.compare(leftPoint, rightPoint);
            }
            // equal code points have equal UTF-16 lengths, so one index serves both strings
            index += Character.charCount(leftPoint);
        }
        return Boolean.compare(index < left.length(), index < right.length());
    }

    /**
     * The smallest string greater than every string that starts with {@code prefix}, so {@code prefix <= key <
     * successor(prefix)} selects exactly the keys with that prefix; null when no such bound exists (an empty prefix,
     * or one made only of U+10FFFF), which means "no upper bound".
     */
    public static String successor(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int last = prefix.codePointBefore(end);
            int start = end - Character.charCount(last);
            if (last < Character.MAX_CODE_POINT) {
                // surrogate code points cannot occur in a well-formed key: U+D7FF is followed by U+E000
                int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
                return new StringBuilder(start + 2).append(prefix, 0, start).appendCodePoint(next).toString();
            }
            // U+10FFFF cannot be incremented: drop it and increment the code point before it
            end = start;
        }
        return null;
    }

    /**
     * The common prefix {@code key} rolls up into: {@code prefix} plus everything up to and including the first
     * {@code delimiter} after it, or null if the key has no delimiter after the prefix. The key must start with the
     * prefix.
     */
    public static String commonPrefix(String key, String prefix, String delimiter) {
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }
}
