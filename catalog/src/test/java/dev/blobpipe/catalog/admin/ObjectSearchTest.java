package dev.blobpipe.catalog.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.testing.CatalogFixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectSearchTest {
    private CatalogFixture fixture;
    private ObjectSearch search;

    @BeforeAll
    void fillCatalog() {
        fixture = CatalogFixture.fresh();
        search = new ObjectSearch(fixture.database().jdbi());
        AdminTree.apply(fixture);
    }

    @AfterAll
    void closeCatalog() {
        fixture.close();
    }

    @Test
    void findsLiveObjectsUnderAPrefixInByteOrderWithTheirNewestVersion() {
        List<FoundObject> found = find(ObjectSearch.Criteria.under(AdminTree.BUCKET, "logs/"));

        assertThat(found).extracting(FoundObject::key)
                .containsExactly("logs/2024/01/a.gz", "logs/2024/01/b.gz", "logs/2024/02/a.gz", "logs/readme");
        assertThat(found.get(0).sizeBytes()).isEqualTo(100);
        assertThat(found.get(0).etag()).isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void wholeBucketSkipsDeletedKeysAndOtherBuckets() {
        assertThat(find(ObjectSearch.Criteria.under(AdminTree.BUCKET, ""))).extracting(FoundObject::key)
                .containsExactly("100%_done/x_y", "a%b/c", "abc/d", "caf\u00e9/\uFFFD/w",
                        "caf\u00e9/" + AdminTree.SMILE + "/z", "logs/2024/01/a.gz", "logs/2024/01/b.gz",
                        "logs/2024/02/a.gz", "logs/readme", "top.txt");
    }

    @Test
    void wildcardCharactersInThePrefixArePlainCharacters() {
        assertThat(find(ObjectSearch.Criteria.under(AdminTree.BUCKET, "a%"))).extracting(FoundObject::key)
                .containsExactly("a%b/c");
        assertThat(find(ObjectSearch.Criteria.under(AdminTree.BUCKET, "100%_"))).extracting(FoundObject::key)
                .containsExactly("100%_done/x_y");
    }

    @Test
    void olderThanKeepsObjectsLastModifiedBeforeTheCutoff() {
        var criteria = new ObjectSearch.Criteria(AdminTree.BUCKET, "", AdminTree.OLD_BEFORE, -1);

        List<FoundObject> found = find(criteria);

        assertThat(found).extracting(FoundObject::key)
                .containsExactly("caf\u00e9/\uFFFD/w", "logs/2024/02/a.gz", "top.txt");
        assertThat(found).allSatisfy(object -> assertThat(object.lastModified()).isBefore(AdminTree.OLD_BEFORE));
    }

    @Test
    void largerThanKeepsObjectsStrictlyAboveTheSize() {
        var criteria = new ObjectSearch.Criteria(AdminTree.BUCKET, "", null, 100);

        assertThat(find(criteria)).extracting(FoundObject::key)
                .containsExactly("logs/2024/01/b.gz", "logs/2024/02/a.gz");
    }

    @Test
    void criteriaCombine() {
        var criteria = new ObjectSearch.Criteria(AdminTree.BUCKET, "logs/", AdminTree.OLD_BEFORE, 200);

        assertThat(find(criteria)).extracting(FoundObject::key).containsExactly("logs/2024/02/a.gz");
    }

    @Test
    void anUnknownBucketFindsNothing() {
        assertThat(find(new ObjectSearch.Criteria("no-such-bucket", "", Instant.now(), -1))).isEmpty();
    }

    private List<FoundObject> find(ObjectSearch.Criteria criteria) {
        List<FoundObject> found = new ArrayList<>();
        search.forEach(criteria, found::add);
        return found;
    }
}
