package dev.blobpipe.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The sizes and counts of the comparison's workloads: issue 6's figures, or a smoke's few seconds' worth. */
record Scale(long largeBytes, long partBytes, int partsInFlight, int smallBytes, int smallCount, int clients,
             long listObjects, long largeListObjects, int listPages, int mixedCount, int warmupCount,
             int warmupRounds) {
    private static final long MIB = 1L << 20;
    private static final Set<String> SETTINGS = Set.of("large-mib", "small-count", "clients", "list-objects",
            "large-list-objects", "list-pages", "mixed-count", "warmup-count", "warmup-rounds");

    /**
     * Issue 6's figures, or with {@code smoke} a few seconds' worth, each overridden by a {@code name=value} of
     * {@code overrides}; an unknown name is an error. Parts are 16 MiB, or 5 MiB in a smoke: the smallest S3 allows
     * for a part that is not the last.
     */
    static Scale of(boolean smoke, Map<String, String> overrides) {
        var settings = new HashMap<>(overrides);
        settings.keySet().stream().filter(name -> !SETTINGS.contains(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("unknown setting " + name + "; known: " + SETTINGS);
        });
        return new Scale(setting(settings, "large-mib", smoke ? 8 : 1024) * MIB, (smoke ? 5 : 16) * MIB, 4, 4096,
                (int) setting(settings, "small-count", smoke ? 50 : 20_000),
                (int) setting(settings, "clients", smoke ? 8 : 64),
                setting(settings, "list-objects", smoke ? 2_500 : 1_000_000),
                setting(settings, "large-list-objects", smoke ? 0 : 10_000_000),
                (int) setting(settings, "list-pages", smoke ? 4 : 300),
                (int) setting(settings, "mixed-count", smoke ? 100 : 20_000),
                (int) setting(settings, "warmup-count", smoke ? 20 : 3_000),
                (int) setting(settings, "warmup-rounds", smoke ? 1 : 10));
    }

    /** The large object of a warm-up round: enough chunks and parts for the JIT, without a full-size upload. */
    long warmupLargeBytes() {
        return Math.min(largeBytes, 4 * partBytes);
    }

    /** Keys of the bucket the warm-up lists: enough for a few pages. */
    long warmupListObjects() {
        return Math.min(listObjects, 5_000);
    }

    /** Listing pages per warm-up round, wrapping around the warm-up bucket. */
    int warmupListPages() {
        return Math.max(1, listPages / 3);
    }

    private static long setting(Map<String, String> settings, String name, long defaultValue) {
        String value = settings.get(name);
        return value == null ? defaultValue : Long.parseLong(value.replace("_", ""));
    }
}
