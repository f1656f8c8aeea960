package dev.blobpipe.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.ListedObject;
import dev.blobpipe.catalog.internal.ObjectDao;
import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.catalog.testing.Events;
import dev.blobpipe.catalog.testing.KeySets;
import dev.blobpipe.catalog.testing.ReferenceListing;
import dev.blobpipe.schemas.ObjectEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresCatalogListTest {
    private static final String BUCKET = "listing";
    private CatalogFixture fixture;
    private List<String> keys;

    @BeforeAll
    void fillCatalog() {
        fixture = CatalogFixture.fresh();
        keys = KeySets.mixed(2500, 1234);
        List<ObjectEvent> events = new ArrayList<>();
        for (String key : keys) {
            events.add(Events.committed(BUCKET, key, Events.nextVersion()));
        }
        // deleted keys must not be listed, and their tombstones must not stop a common prefix from being found
        for (String gone : List.of("a/zz-deleted", "deleted-only/x", "zz/deleted")) {
            events.add(Events.committed(BUCKET, gone, Events.nextVersion()));
            events.add(Events.deleted(BUCKET, gone, Events.nextVersion()));
        }
        events.add(Events.committed("other-bucket", "a/b", Events.nextVersion()));
        fixture.apply(events.toArray(ObjectEvent[]::new));
    }

    @AfterAll
    void closeCatalog() {
        fixture.close();
    }

    @Test
    void everyPageEqualsTheReferenceWithAndWithoutDelimiter() {
        for (String prefix : KeySets.prefixes()) {
            for (String delimiter : new String[] {null, "/", "%", "//", "b/"}) {
                walkAllPages(prefix, delimiter, 1000, null);
                walkAllPages(prefix, delimiter, 293, null);
            }
        }
    }

    @Test
    void prefixDelimiterAndStartAfterCombinationsEqualTheReference() {
        List<String> starts = new ArrayList<>(List.of("", "a", "a/", "a//", "a/b", "a/b/", "a%", "a_/x", "logs/2024/",
                "logs/2024/01/a.gz", "zzzz", "\uFFFD", "/"));
        starts.addAll(keys.subList(100, 130));
        for (String prefix : List.of("", "a", "a/", "logs/", "a//")) {
            for (String startAfter : starts) {
                walkAllPages(prefix, "/", 29, startAfter);
                walkAllPages(prefix, null, 400, startAfter);
            }
        }
    }

    @Test
    void aKeyEqualToThePrefixIsListed() {
        ListPage page = fixture.catalog().list(new ListRequest(BUCKET, "a/", "/", null, 1000));

        assertThat(page.objects()).extracting(ListedObject::key).contains("a/");
        assertThat(page.commonPrefixes()).contains("a//", "a/b/");
    }

    @Test
    void wildcardCharactersArePlainCharacters() {
        ListPage page = fixture.catalog().list(new ListRequest(BUCKET, "a%", null, null, 1000));

        assertThat(page.objects()).isNotEmpty().allSatisfy(object ->
                assertThat(object.key()).startsWith("a%"));
    }

    @Test
    void zeroMaxKeysIsEmptyAndNotTruncated() {
        ListPage page = fixture.catalog().list(new ListRequest(BUCKET, "", null, null, 0));

        assertThat(page.objects()).isEmpty();
        assertThat(page.truncated()).isFalse();
    }

    @Test
    void listedLastModifiedIsTheStoredInstantToTheMicrosecond() {
        List<Instant> times = List.of(Instant.parse("2026-11-20T10:15:30.123456Z"),
                Instant.parse("1969-07-20T20:17:40.000001Z"), Instant.parse("2000-01-01T00:00:00Z"));
        for (int i = 0; i < times.size(); i++) {
            fixture.apply(Events.committedAt("times", "k" + i, Events.nextVersion(), times.get(i), Map.of()));
        }

        // the driver reads text until a statement has run a few times on a connection, then binary: both must hold
        for (int run = 0; run < 50; run++) {
            ListPage page = fixture.catalog().list(new ListRequest("times", "", null, null, 1000));

            assertThat(page.objects()).extracting(ListedObject::lastModified).containsExactlyElementsOf(times);
        }
    }

    @Test
    void listingQueriesReadOnlyTheIndex() {
        String flat = ObjectDao.SELECT_LISTED + """
                WHERE bucket = :bucket AND NOT deleted AND key >= :from AND (key > :from OR :inclusive) AND key < :to
                ORDER BY key LIMIT :limit
                """;
        for (String query : List.of(flat, ObjectDao.SELECT_LISTED_WALK)) {
            List<String> plan = fixture.database().jdbi().inTransaction(handle -> {
                // the test table is small enough for a sequential scan to win; what matters is the index's columns
                handle.execute("SET LOCAL enable_seqscan = off");
                handle.execute("SET LOCAL enable_bitmapscan = off");
                return handle.createQuery("EXPLAIN " + query)
                        .bind("bucket", BUCKET).bind("from", "a").bind("inclusive", true).bind("to", "b")
                        .bind("limit", 1001).bind("prefixChars", 0).bind("delimiter", "/").bind("bump", "0")
                        .mapTo(String.class).list();
            });

            assertThat(plan).as(String.join("\n", plan))
                    .anyMatch(line -> line.contains("Index Only Scan using objects_listing"))
                    .noneMatch(line -> line.contains("Index Scan") || line.contains("Seq Scan"));
        }
    }

    private void walkAllPages(String prefix, String delimiter, int maxKeys, String firstStartAfter) {
        String startAfter = firstStartAfter;
        for (int pageNumber = 0; pageNumber < 5_000; pageNumber++) {
            var request = new ListRequest(BUCKET, prefix, delimiter, startAfter, maxKeys);
            ReferenceListing.Page expected = ReferenceListing.page(keys, request);
            ListPage actual = fixture.catalog().list(request);
            String what = request.toString();
            assertThat(actual.objects()).as(what).extracting(ListedObject::key)
                    .isEqualTo(expected.keys());
            assertThat(actual.commonPrefixes()).as(what).isEqualTo(expected.commonPrefixes());
            assertThat(actual.truncated()).as(what).isEqualTo(expected.truncated());
            assertThat(actual.lastEntry()).as(what).isEqualTo(expected.lastEntry());
            if (!actual.truncated()) {
                return;
            }
            startAfter = actual.lastEntry();
        }
        throw new AssertionError("listing did not end: " + prefix + " " + delimiter);
    }
}
