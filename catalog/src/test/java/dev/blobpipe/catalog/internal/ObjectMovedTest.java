package dev.blobpipe.catalog.internal;

import static dev.blobpipe.catalog.testing.Events.committed;
import static dev.blobpipe.catalog.testing.Events.completed;
import static dev.blobpipe.catalog.testing.Events.copied;
import static dev.blobpipe.catalog.testing.Events.deleted;
import static dev.blobpipe.catalog.testing.Events.nextVersion;
import static dev.blobpipe.catalog.testing.Events.part;
import static dev.blobpipe.catalog.testing.Events.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.UploadId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The compactor's compare-and-set of locations: a move wins only where the range is still referenced. */
class ObjectMovedTest {
    private static final ObjectLocation TARGET = new ObjectLocation("segments/compacted-1", 40, 11);
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
    void moveRepointsTheObjectAndEveryCopyOfItsRange() {
        var source = committed("b", "src", nextVersion());
        fixture.apply(source);
        StoredObject stored = fixture.catalog().object("b", "src").orElseThrow();
        fixture.apply(copied(stored, "other", "dst", nextVersion(), null));

        var outcomes = fixture.apply(moved(source.location()));

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED);
        assertThat(fixture.catalog().object("b", "src").orElseThrow().location()).isEqualTo(TARGET);
        assertThat(fixture.deadBlobs()).extracting(DeadBlobDao.DeadBlob::location).contains(source.location());
        assertThat(fixture.catalog().object("other", "dst").orElseThrow().location()).isEqualTo(TARGET);
    }

    @Test
    void overwriteAppliedFirstWinsAndTheMoveChangesNothing() {
        var first = committed("b", "k", nextVersion());
        var second = committed("b", "k", nextVersion());
        fixture.apply(first, second);

        var outcomes = fixture.apply(moved(first.location()));

        assertThat(outcomes).containsExactly(AppliedOutcome.REJECTED);
        assertThat(fixture.catalog().object("b", "k").orElseThrow().location()).isEqualTo(second.location());
    }

    @Test
    void moveOfADeletedObjectIsRejected() {
        var object = committed("b", "k", nextVersion());
        fixture.apply(object, deleted("b", "k", nextVersion()));

        assertThat(fixture.apply(moved(object.location()))).containsExactly(AppliedOutcome.REJECTED);
    }

    @Test
    void moveRepointsTheExtentOfACompletedMultipartObject() {
        var upload = UploadId.random();
        var part1 = part("b", "big", upload, 1, nextVersion());
        var part2 = part("b", "big", upload, 2, nextVersion());
        fixture.apply(started("b", "big", upload, nextVersion()), part1, part2,
                completed("b", "big", upload, nextVersion(), part1, part2));

        fixture.apply(moved(part2.location()));

        assertThat(fixture.catalog().object("b", "big").orElseThrow().locations())
                .containsExactly(part1.location(), TARGET);
    }

    @Test
    void sameMoveAppliedTwiceLeavesTheNewLocation() {
        var object = committed("b", "k", nextVersion());
        fixture.apply(object);
        var move = moved(object.location());

        var outcomes = fixture.apply(move, move);

        assertThat(outcomes).containsExactly(AppliedOutcome.APPLIED, AppliedOutcome.REJECTED);
        assertThat(fixture.catalog().object("b", "k").orElseThrow().location()).isEqualTo(TARGET);
    }

    private static ObjectEvent.ObjectMoved moved(ObjectLocation from) {
        return new ObjectEvent.ObjectMoved("b", "k", nextVersion(), from, TARGET);
    }
}
