package dev.blobpipe.catalog.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.catalog.internal.KeyRange;
import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.catalog.testing.Events;
import dev.blobpipe.catalog.testing.KeySets;
import dev.blobpipe.schemas.ObjectEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiskUsageTest {
    private static final String MIXED_BUCKET = "mixed";
    private CatalogFixture fixture;
    private DiskUsage du;
    private Map<String, Long> mixedSizes;

    @BeforeAll
    void fillCatalog() {
        fixture = CatalogFixture.fresh();
        du = new DiskUsage(fixture.database().jdbi());
        AdminTree.apply(fixture);
        mixedSizes = new TreeMap<>(KeyRange.BYTE_ORDER);
        List<ObjectEvent> events = new ArrayList<>();
        long size = 1;
        for (String key : KeySets.mixed(1500, 99)) {
            events.add(Events.committed(MIXED_BUCKET, key, Events.nextVersion(), size));
            mixedSizes.put(key, size);
            size = size * 7 % 1009 + 1;
        }
        fixture.apply(events.toArray(ObjectEvent[]::new));
    }

    @AfterAll
    void closeCatalog() {
        fixture.close();
    }

    @Test
    void firstLevelOfBucketCountsLiveObjectsPerTopDirectoryAndRootKeysAtTheRoot() {
        assertThat(usage("", 1)).containsExactly(
                new PrefixUsage("", 1, 7),
                new PrefixUsage("100%_done/", 1, 11),
                new PrefixUsage("a%b/", 1, 13),
                new PrefixUsage("abc/", 1, 19),
                new PrefixUsage("caf\u00e9/", 2, 17 + 23),
                // the overwritten a.gz counts with its newest size, the deleted key not at all
                new PrefixUsage("logs/", 4, 100 + 200 + 300 + 5));
    }

    @Test
    void deeperLevelsUnderAPrefixKeepShallowKeysAtTheirOwnDirectory() {
        assertThat(usage("logs/", 2)).containsExactly(
                new PrefixUsage("logs/", 1, 5),
                new PrefixUsage("logs/2024/01/", 2, 300),
                new PrefixUsage("logs/2024/02/", 1, 300));
    }

    @Test
    void wildcardCharactersInThePrefixArePlainCharacters() {
        assertThat(usage("a%", 5)).containsExactly(new PrefixUsage("a%b/", 1, 13));
        assertThat(usage("100%_", 1)).containsExactly(new PrefixUsage("100%_done/", 1, 11));
    }

    @Test
    void levelsAreInByteOrderBeyondTheBasicPlane() {
        // U+FFFD sorts before U+1F600 as UTF-8 bytes, after it as UTF-16 units
        assertThat(usage("caf\u00e9/", 1)).extracting(PrefixUsage::prefix)
                .containsExactly("caf\u00e9/\uFFFD/", "caf\u00e9/" + AdminTree.SMILE + "/");
    }

    @Test
    void depthZeroIsThePrefixTotal() {
        assertThat(usage("", 0)).containsExactly(new PrefixUsage("", 10, 7 + 11 + 13 + 19 + 40 + 605));
    }

    @Test
    void aPrefixWithoutLiveKeysHasNoLevels() {
        assertThat(usage("logs/2024/03/", 3)).isEmpty();
        assertThat(usage("nothing", 1)).isEmpty();
    }

    @Test
    void everyPrefixAndDepthEqualsAReferenceComputedInJava() {
        for (String prefix : KeySets.prefixes()) {
            for (int depth = 0; depth <= 3; depth++) {
                List<PrefixUsage> actual = new ArrayList<>();
                du.forEach(MIXED_BUCKET, prefix, depth, actual::add);

                assertThat(actual).as("prefix=%s depth=%d", prefix, depth).isEqualTo(reference(prefix, depth));
            }
        }
    }

    @Test
    void rejectsNegativeDepth() {
        assertThatThrownBy(() -> usage("", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private List<PrefixUsage> usage(String prefix, int depth) {
        List<PrefixUsage> levels = new ArrayList<>();
        du.forEach(AdminTree.BUCKET, prefix, depth, levels::add);
        return levels;
    }

    private List<PrefixUsage> reference(String prefix, int depth) {
        Map<String, long[]> levels = new TreeMap<>(KeyRange.BYTE_ORDER);
        mixedSizes.forEach((key, size) -> {
            if (key.startsWith(prefix)) {
                long[] sums = levels.computeIfAbsent(level(key, prefix, depth), level -> new long[2]);
                sums[0]++;
                sums[1] += size;
            }
        });
        List<PrefixUsage> rows = new ArrayList<>();
        levels.forEach((level, sums) -> rows.add(new PrefixUsage(level, sums[0], sums[1])));
        return rows;
    }

    /** The prefix plus the rest of the key up to and including its depth-th '/' (or its last, if fewer). */
    private static String level(String key, String prefix, int depth) {
        String rest = key.substring(prefix.length());
        int end = 0;
        for (int dirs = 0; dirs < depth; dirs++) {
            int slash = rest.indexOf('/', end);
            if (slash < 0) {
                break;
            }
            end = slash + 1;
        }
        return prefix + rest.substring(0, end);
    }
}
