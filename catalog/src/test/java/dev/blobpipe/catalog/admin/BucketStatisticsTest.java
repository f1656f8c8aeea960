package dev.blobpipe.catalog.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.catalog.testing.Events;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.UploadId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BucketStatisticsTest {
    private CatalogFixture fixture;
    private BucketStatistics statistics;

    @BeforeEach
    void openCatalog() {
        fixture = CatalogFixture.fresh();
        statistics = new BucketStatistics(fixture.database().jdbi());
    }

    @AfterEach
    void closeCatalog() {
        fixture.close();
    }

    @Test
    void countsLiveObjectsDeadBytesAndOpenUploadsPerBucket() {
        AdminTree.apply(fixture);
        UploadId open = UploadId.random();
        UploadId aborted = UploadId.random();
        UploadId completed = UploadId.random();
        ObjectEvent.ObjectCommitted abortedPart = Events.part(AdminTree.BUCKET, "big", aborted, 1,
                Events.nextVersion());
        ObjectEvent.ObjectCommitted completedPart = Events.part(AdminTree.BUCKET, "done", completed, 1,
                Events.nextVersion());
        fixture.apply(
                Events.started(AdminTree.BUCKET, "big", open, Events.nextVersion()),
                Events.started(AdminTree.BUCKET, "big", aborted, Events.nextVersion()),
                abortedPart,
                Events.aborted(AdminTree.BUCKET, "big", aborted, Events.nextVersion()),
                Events.started(AdminTree.BUCKET, "done", completed, Events.nextVersion()),
                completedPart,
                Events.completed(AdminTree.BUCKET, "done", completed, Events.nextVersion(), completedPart));

        assertThat(statistics.all()).containsExactly(
                // live: the tree's 10 objects (605 + 7 + 11 + 13 + 19 + 40 bytes) and the 11-byte multipart object;
                // dead: the overwritten version (999), the deleted one (1000) and the aborted upload's part (11)
                new BucketStats(AdminTree.BUCKET, 11, 695 + 11, 999 + 1000 + 11, 0, 1),
                new BucketStats(AdminTree.OTHER_BUCKET, 1, 50, 0, 0, 0));
    }

    @Test
    void countsThePackSegmentsHoldingABucketsLiveObjects() {
        fixture.apply(Events.bucketCreated("packed", Events.nextVersion()));
        for (int i = 0; i < 3; i++) {
            var event = Events.committed("packed", "k" + i, Events.nextVersion());
            String segment = i < 2 ? "segments/a-0" : "segments/b-0";
            fixture.apply(new ObjectEvent.ObjectCommitted(event.uploadId(), event.manifest(),
                    new ObjectLocation(segment, 100 * i, 11)));
        }

        assertThat(statistics.all()).singleElement().extracting(BucketStats::segments).isEqualTo(2L);
    }

    @Test
    void anEmptyBucketHasZerosAndADeletedBucketIsLeftOut() {
        fixture.apply(
                Events.bucketCreated("empty", Events.nextVersion()),
                Events.bucketCreated("gone", Events.nextVersion()));
        fixture.apply(new ObjectEvent.BucketDeleted("gone", Events.nextVersion()));

        assertThat(statistics.all()).containsExactly(new BucketStats("empty", 0, 0, 0, 0, 0));
    }
}
