package dev.blobpipe.catalog.internal;

import static dev.blobpipe.catalog.testing.Events.committed;
import static dev.blobpipe.catalog.testing.Events.completed;
import static dev.blobpipe.catalog.testing.Events.copied;
import static dev.blobpipe.catalog.testing.Events.location;
import static dev.blobpipe.catalog.testing.Events.nextVersion;
import static dev.blobpipe.catalog.testing.Events.part;
import static dev.blobpipe.catalog.testing.Events.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import dev.blobpipe.schemas.WriteCondition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObjectCopiedTest {
    private CatalogFixture fixture;

    @BeforeEach
    void openCatalog() {
        fixture = CatalogFixture.fresh();
    }

    @AfterEach
    void closeCatalog() {
        fixture.close();
    }

    @Test
    void copyOfAWholeObjectReferencesItsLocation() {
        VersionId sourceVersion = nextVersion();
        fixture.apply(committed("b", "src", sourceVersion));
        StoredObject source = fixture.catalog().object("b", "src").orElseThrow();
        var copy = copied(source, "other", "dst", nextVersion(), null);

        var outcomes = fixture.apply(copy);

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED);
        StoredObject stored = fixture.catalog().object("other", "dst").orElseThrow();
        assertThat(stored.location()).isEqualTo(location(sourceVersion));
        assertThat(stored.manifest().versionId()).isEqualTo(copy.versionId());
        assertThat(stored.manifest().etag()).isEqualTo(source.manifest().etag());
        assertThat(stored.manifest().metadata()).isEqualTo(source.manifest().metadata());
        assertThat(fixture.catalog().object("b", "src")).contains(source);
        assertThat(fixture.deadBlobs()).isEmpty();
    }

    @Test
    void copyOfAMultipartObjectReferencesItsExtents() {
        UploadId upload = UploadId.random();
        var part1 = part("b", "src", upload, 1, nextVersion());
        var part2 = part("b", "src", upload, 2, nextVersion());
        var completion = completed("b", "src", upload, nextVersion(), part1, part2);
        fixture.apply(started("b", "src", upload, nextVersion()), part1, part2, completion);
        StoredObject source = fixture.catalog().object("b", "src").orElseThrow();

        fixture.apply(copied(source, "b", "dst", nextVersion(), null));

        StoredObject stored = fixture.catalog().object("b", "dst").orElseThrow();
        assertThat(stored.location()).isNull();
        assertThat(stored.extents()).isEqualTo(completion.extents());
        assertThat(stored.manifest().partCount()).isEqualTo(2);
        assertThat(stored.manifest().etag()).isEqualTo(completion.manifest().etag());
        assertThat(fixture.catalog().object("b", "src").orElseThrow().extents()).isEqualTo(completion.extents());
    }

    @Test
    void copyOfAMultipartObjectKeepsNoPartChecksumsWhileItsSourceKeepsThem() {
        UploadId upload = UploadId.random();
        var part1 = part("b", "src", upload, 1, nextVersion());
        var completion = completed("b", "src", upload, nextVersion(), part1);
        fixture.apply(started("b", "src", upload, nextVersion()), part1, completion);
        StoredObject source = fixture.catalog().object("b", "src").orElseThrow();

        fixture.apply(copied(source, "b", "dst", nextVersion(), null));

        // ObjectCopied carries locations only: a known limit, the copy's parts show no checksum
        assertThat(fixture.catalog().object("b", "dst").orElseThrow().partChecksums()).isEmpty();
        assertThat(source.checksumsOfPart(1)).isEqualTo(part1.manifest().metadata().checksums());
    }

    @Test
    void newerCopyReplacesAPutAndALateOlderCopyLoses() {
        fixture.apply(committed("b", "src", nextVersion()));
        StoredObject source = fixture.catalog().object("b", "src").orElseThrow();
        var olderCopy = copied(source, "b", "dst", nextVersion(), null);
        VersionId put = nextVersion();
        var newerCopy = copied(source, "b", "dst", nextVersion(), null);

        var outcomes = fixture.apply(committed("b", "dst", put), newerCopy, olderCopy);

        assertThat(outcomes).containsOnly(AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().object("b", "dst").orElseThrow().manifest().versionId())
                .isEqualTo(newerCopy.versionId());
        // the losing copy's location is recorded dead under its version although the source still uses it
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::versionId)
                .containsExactlyInAnyOrder(put, olderCopy.versionId());
    }

    @Test
    void copyWithIfNoneMatchOntoAnExistingKeyIsRejected() {
        fixture.apply(committed("b", "src", nextVersion()));
        VersionId existing = nextVersion();
        fixture.apply(committed("b", "dst", existing));
        StoredObject source = fixture.catalog().object("b", "src").orElseThrow();
        var copy = copied(source, "b", "dst", nextVersion(), WriteCondition.ifNoneMatchAny());

        var outcomes = fixture.apply(copy);

        assertThat(outcomes).containsExactly(AppliedOutcome.REJECTED);
        assertThat(fixture.catalog().object("b", "dst").orElseThrow().manifest().versionId()).isEqualTo(existing);
        assertThat(fixture.catalog().object("b", "src")).contains(source);
        assertThat(fixture.deadBlobs()).singleElement().satisfies(dead -> {
            assertThat(dead.versionId()).isEqualTo(copy.versionId());
            assertThat(dead.location()).isEqualTo(source.location());
        });
    }

    @Test
    void copyWithIfMatchOfTheDestinationsEtagIsApplied() {
        fixture.apply(committed("b", "src", nextVersion()), committed("b", "dst", nextVersion()));
        StoredObject source = fixture.catalog().object("b", "src").orElseThrow();
        String destinationEtag = fixture.catalog().object("b", "dst").orElseThrow().manifest().etag();
        var copy = copied(source, "b", "dst", nextVersion(), WriteCondition.ifMatch(destinationEtag));

        assertThat(fixture.apply(copy)).containsExactly(AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().object("b", "dst").orElseThrow().manifest().versionId())
                .isEqualTo(copy.versionId());
    }

    @Test
    void copyOntoItselfRecordsTheOldVersionDeadWhileItsBytesStayLive() {
        VersionId original = nextVersion();
        fixture.apply(committed("b", "k", original));
        StoredObject source = fixture.catalog().object("b", "k").orElseThrow();

        fixture.apply(copied(source, "b", "k", nextVersion(), null));

        // why the compactor must check references before deleting a dead location (see DeadBlobDao)
        assertThat(fixture.catalog().object("b", "k").orElseThrow().location()).isEqualTo(location(original));
        assertThat(fixture.deadBlobs()).singleElement().satisfies(dead -> {
            assertThat(dead.versionId()).isEqualTo(original);
            assertThat(dead.location()).isEqualTo(location(original));
        });
    }
}
