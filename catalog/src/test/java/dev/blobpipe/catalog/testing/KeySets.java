package dev.blobpipe.catalog.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Key sets that exercise listing: LIKE wildcards, spaces, unicode beyond U+FFFF, "//" and nested delimiters. */
public final class KeySets {
    private static final String[] PARTS = {
        "a", "b", "a%", "a_", "100%_done", "x y", "caf\u00e9", "\u65e5\u672c", "\uFFFD",
        new String(Character.toChars(0x1F600)), "", "-", ".", "z"};

    private KeySets() {
    }

    /** About {@code count} distinct keys of one to four "/"-separated parts, plus some fixed edge cases. */
    public static List<String> mixed(int count, long seed) {
        Random random = new Random(seed);
        Set<String> keys = new LinkedHashSet<>(List.of(
                "a", "a/", "a//", "a//b", "a/b", "a/b/", "a/b/c", "a%/x", "a_/x", "%", "_", "/", "//", "a b/c",
                "logs/2024/01/a.gz", "logs/2024/01/b.gz", "logs/2024/02/a.gz", "logs/", "logs"));
        while (keys.size() < count) {
            int depth = 1 + random.nextInt(4);
            StringBuilder key = new StringBuilder();
            for (int part = 0; part < depth; part++) {
                if (part > 0) {
                    key.append('/');
                }
                key.append(PARTS[random.nextInt(PARTS.length)]);
                if (random.nextInt(3) == 0) {
                    key.append(random.nextInt(40));
                }
            }
            if (key.length() > 0) {
                keys.add(key.toString());
            }
        }
        return new ArrayList<>(keys);
    }

    /** Prefixes worth listing a key set under: empty, LIKE wildcards, a key itself, unicode, "//". */
    public static List<String> prefixes() {
        return List.of("", "a", "a/", "a/b", "a//", "a%", "a_", "%", "_", "/", "logs/", "logs/2024/", "x y",
                "caf\u00e9/", new String(Character.toChars(0x1F600)), "\uFFFD", "nothing-here");
    }
}
