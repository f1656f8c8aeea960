package dev.blobpipe.catalog.admin;

import dev.blobpipe.catalog.internal.KeyRange;
import dev.blobpipe.catalog.internal.UsageDao;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code du} for a bucket: live objects and bytes per level under a prefix, to a depth. A key's level is the prefix
 * plus its first {@code depth} '/'-separated directory components after the prefix ({@code logs/2024/} for
 * {@code logs/2024/01/a.gz} at depth 2); a key with fewer directories counts at its own, deepest one, and a key with no
 * '/' after the prefix counts at the prefix itself. So levels are disjoint and their sums are the prefix's totals;
 * a level's row holds only the keys that roll up exactly there. Levels come in key byte order.
 */
public final class DiskUsage {
    private final Jdbi jdbi;

    public DiskUsage(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** Hands each level to {@code sink} as it is read (a bucket may have millions of levels). */
    public void forEach(String bucket, String prefix, int depth, Consumer<PrefixUsage> sink) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(sink, "sink");
        if (depth < 0) {
            throw new IllegalArgumentException("depth must not be negative: " + depth);
        }
        Snapshot.read(jdbi, handle -> {
            try (Stream<PrefixUsage> levels = handle.attach(UsageDao.class)
                    .usage(bucket, prefix, KeyRange.successor(prefix), depth)) {
                levels.forEach(sink);
            }
            return null;
        });
    }
}
