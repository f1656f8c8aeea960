package dev.blobpipe.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.ListedObject;
import dev.blobpipe.catalog.ListPage;
import dev.blobpipe.catalog.ListRequest;
import dev.blobpipe.catalog.testing.Events;
import dev.blobpipe.catalog.testing.KeySets;
import dev.blobpipe.catalog.testing.ReferenceListing;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ListingTest {

    /** Keys in memory, answering range queries as the SQL does, counting queries. */
    private static final class MemoryKeys implements Listing.KeySource {
        private final NavigableSet<String> keys = new TreeSet<>(KeyRange.BYTE_ORDER);
        private int queries;
        private int rows;

        MemoryKeys(Collection<String> keys) {
            this.keys.addAll(keys);
        }

        @Override
        public List<ListedObject> fetch(String from, boolean inclusive, String toExclusive, int limit) {
            queries++;
            NavigableSet<String> range = keys.tailSet(from, inclusive);
            if (toExclusive != null) {
                range = range.headSet(toExclusive, false);
            }
            List<ListedObject> result = new ArrayList<>();
            for (String key : range) {
                if (result.size() == limit) {
                    break;
                }
                result.add(ListedObject.of(Events.stored("b", key)));
            }
            rows += result.size();
            return result;
        }
    }

    @Test
    void everyPageEqualsTheReferenceAcrossPrefixesDelimitersAndPageSizes() {
        List<String> keys = KeySets.mixed(2500, 42);
        MemoryKeys source = new MemoryKeys(keys);
        for (String prefix : KeySets.prefixes()) {
            for (String delimiter : new String[] {null, "/", "%", "//"}) {
                for (int maxKeys : new int[] {13, 1000}) {
                    walkAllPages(keys, source, prefix, delimiter, maxKeys, null);
                }
            }
        }
    }

    @Test
    void startAfterInsideOrOutsideACommonPrefixMatchesTheReference() {
        List<String> keys = KeySets.mixed(600, 7);
        MemoryKeys source = new MemoryKeys(keys);
        List<String> starts = new ArrayList<>(List.of("", "a", "a/", "a/b", "a/b/c/d", "a//", "a%", "zzz", "/", "0"));
        starts.addAll(keys.subList(0, 50));
        for (String prefix : List.of("", "a", "a/", "a/b")) {
            for (String startAfter : starts) {
                for (String delimiter : new String[] {null, "/"}) {
                    walkAllPages(keys, source, prefix, delimiter, 5, startAfter);
                }
            }
        }
    }

    @Test
    void aKeyEqualToThePrefixIsListedAsAKey() {
        MemoryKeys source = new MemoryKeys(List.of("a/", "a/b", "a/c/d", "a0"));
        ListPage page = Listing.page(new ListRequest("b", "a/", "/", null, 10), source);
        assertThat(keysOf(page)).containsExactly("a/", "a/b");
        assertThat(page.commonPrefixes()).containsExactly("a/c/");
        assertThat(page.truncated()).isFalse();
        assertThat(page.lastEntry()).isEqualTo("a/c/");
    }

    @Test
    void zeroMaxKeysIsAnEmptyUntruncatedPage() {
        MemoryKeys source = new MemoryKeys(List.of("a", "b"));
        ListPage page = Listing.page(new ListRequest("b", "", null, null, 0), source);
        assertThat(page.objects()).isEmpty();
        assertThat(page.truncated()).isFalse();
        assertThat(page.lastEntry()).isNull();
        assertThat(source.queries).isZero();
    }

    @Test
    void skipsEachLargeCommonPrefixWithOneQuery() {
        List<String> keys = new ArrayList<>();
        for (int folder = 0; folder < 100; folder++) {
            for (int file = 0; file < 2000; file++) {
                keys.add(String.format("f%03d/%05d", folder, file));
            }
        }
        MemoryKeys source = new MemoryKeys(keys);
        ListPage page = Listing.page(new ListRequest("b", "", "/", null, 1000), source);
        assertThat(page.commonPrefixes()).hasSize(100);
        assertThat(page.truncated()).isFalse();
        assertThat(source.queries).isLessThanOrEqualTo(101);
        assertThat(source.rows).isLessThan(1001 + 100 * Listing.SKIP_BATCH);
    }

    @Test
    void manySmallCommonPrefixesAreReadInBatches() {
        List<String> keys = new ArrayList<>();
        for (int folder = 0; folder < 3000; folder++) {
            keys.add(String.format("f%04d/only", folder));
        }
        MemoryKeys source = new MemoryKeys(keys);
        ListPage page = Listing.page(new ListRequest("b", "", "/", null, 1000), source);
        assertThat(page.commonPrefixes()).hasSize(1000);
        assertThat(page.truncated()).isTrue();
        assertThat(source.queries).isEqualTo(1);
    }

    private static void walkAllPages(List<String> keys, MemoryKeys source, String prefix, String delimiter,
            int maxKeys, String firstStartAfter) {
        String startAfter = firstStartAfter;
        for (int pageNumber = 0; pageNumber < 10_000; pageNumber++) {
            var request = new ListRequest("b", prefix, delimiter, startAfter, maxKeys);
            ReferenceListing.Page expected = ReferenceListing.page(keys, request);
            ListPage actual = Listing.page(request, source);
            String what = request.toString();
            assertThat(keysOf(actual)).as(what).isEqualTo(expected.keys());
            assertThat(actual.commonPrefixes()).as(what).isEqualTo(expected.commonPrefixes());
            assertThat(actual.truncated()).as(what).isEqualTo(expected.truncated());
            assertThat(actual.lastEntry()).as(what).isEqualTo(expected.lastEntry());
            if (!actual.truncated()) {
                return;
            }
            startAfter = actual.lastEntry();
        }
        throw new AssertionError("listing did not end: prefix=" + prefix + " delimiter=" + delimiter);
    }

    private static List<String> keysOf(ListPage page) {
        return page.objects().stream().map(ListedObject::key).toList();
    }
}
