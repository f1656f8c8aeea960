package dev.blobpipe.compactor;

import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.blobstore.BlobStore;
import dev.blobpipe.catalog.BlobUse;
import dev.blobpipe.catalog.CollectableBlob;
import dev.blobpipe.catalog.GarbageCatalog;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes blobs that the catalog recorded dead once they are ripe (dead longer than the grace period, or parts of
 * aborted uploads) and nothing references them any more; then forgets their dead rows. Whole blobs only: a blob is
 * deleted when one of its dead ranges covers it from offset 0 to its end, which is true of every blob outside
 * {@code segments/} (one object or one part each). Pack segments are left to segment compaction; their dead rows are
 * dropped here once ripe.
 *
 * <p>Crash safety: the blob is deleted before its rows are forgotten, so a crash in between only repeats the delete
 * at the next sweep (deleting a missing blob is fine). Runs on the sweeping thread only.
 */
final class DeadBlobCollector {
    private static final Logger log = LoggerFactory.getLogger(DeadBlobCollector.class);

    private final GarbageCatalog garbage;
    private final BlobStore blobs;
    private final Duration grace;
    private final int batchSize;

    DeadBlobCollector(GarbageCatalog garbage, BlobStore blobs, Duration grace, int batchSize) {
        this.garbage = Objects.requireNonNull(garbage, "garbage");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.batchSize = batchSize;
    }

    /** Collects every blob ripe at {@code now}, in batches by blob name. */
    SweepSummary collect(Instant now) throws IOException {
        Instant cutoff = now.minus(grace);
        SweepSummary done = SweepSummary.NOTHING;
        String after = "";
        while (true) {
            List<CollectableBlob> batch = garbage.ripeBlobs(cutoff, after, batchSize);
            for (CollectableBlob blob : batch) {
                done = done.plus(collect(blob));
            }
            if (batch.size() < batchSize) {
                return done;
            }
            after = batch.get(batch.size() - 1).blobName();
        }
    }

    private SweepSummary collect(CollectableBlob blob) throws IOException {
        if (BlobNames.isSegment(blob.blobName())) {
            // a pack segment is never deleted here: its writer may still be appending frames the catalog does not
            // know yet. Segment compaction finds dead space from the live references, so the rows serve no one.
            int dropped = garbage.forget(blob);
            log.debug("dead rows of a pack segment dropped segment={} rows={}", blob.blobName(), dropped);
            return new SweepSummary(0, 0, 0, dropped, false);
        }
        BlobUse use = garbage.use(blob);
        if (use == BlobUse.LIVE) {
            // Shared blob (CopyObject references the source's blobs in place): a live version still reads it. Its
            // rows can go all the same, because whichever version references it records its own dead row when it
            // is superseded or deleted, and that row brings the blob back here then. Keeping them would only make
            // every sweep look at the blob again.
            int dropped = garbage.forget(blob);
            log.debug("dead rows dropped, blob still referenced blob={} rows={}", blob.blobName(), dropped);
            return new SweepSummary(0, 0, 0, dropped, false);
        }
        if (use == BlobUse.NEWLY_DEAD) {
            // a version that used it died since it was found ripe: a reader may still be in that version's grace
            log.debug("blob skipped, another version died meanwhile blob={}", blob.blobName());
            return SweepSummary.NOTHING;
        }
        long sizeBytes = blobs.size(blob.blobName());
        if (sizeBytes >= 0 && sizeBytes != blob.deadFromStartBytes()) {
            // the dead ranges do not cover the blob (no blob outside segments/ has several ranges today): keep it
            log.debug("blob skipped, dead ranges do not cover it blob={} sizeBytes={} deadFromStartBytes={}",
                    blob.blobName(), sizeBytes, blob.deadFromStartBytes());
            return SweepSummary.NOTHING;
        }
        if (sizeBytes >= 0) {
            blobs.delete(blob.blobName());
        }
        // only now: a crash before this line repeats the delete at the next sweep (sizeBytes -1: already gone)
        garbage.forget(blob);
        log.debug("dead blob deleted blob={} sizeBytes={} versions={}", blob.blobName(), sizeBytes,
                blob.deadVersions());
        return sizeBytes >= 0 ? new SweepSummary(1, sizeBytes, 0, 0, false) : SweepSummary.NOTHING;
    }
}
