package dev.blobpipe.compactor;

import dev.blobpipe.catalog.GarbageCatalog;
import dev.blobpipe.catalog.MultipartUpload;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.VersionClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts multipart uploads left open longer than the expiry, by publishing {@link ObjectEvent.MultipartAborted} as a
 * client's AbortMultipartUpload would. The indexer then closes the upload and records its parts dead, and the next
 * sweep deletes them. It does not wait for the indexer: should a sweep run before the abort is applied, it publishes
 * another abort, which the indexer applies as a no-op.
 */
final class UploadExpirer {
    private static final Logger log = LoggerFactory.getLogger(UploadExpirer.class);

    private final GarbageCatalog garbage;
    private final EventSender events;
    private final VersionClock versions;
    private final Duration expiry;
    private final int batchSize;

    UploadExpirer(GarbageCatalog garbage, EventSender events, VersionClock versions, Duration expiry,
            int batchSize) {
        this.garbage = Objects.requireNonNull(garbage, "garbage");
        this.events = Objects.requireNonNull(events, "events");
        this.versions = Objects.requireNonNull(versions, "versions");
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        this.batchSize = batchSize;
    }

    /** Aborts every upload initiated before {@code now} minus the expiry; returns how many aborts it published. */
    int expire(Instant now) {
        Instant cutoff = now.minus(expiry);
        int expired = 0;
        MultipartUpload after = null;
        while (true) {
            List<MultipartUpload> batch = garbage.openUploadsInitiatedBefore(cutoff, after, batchSize);
            for (MultipartUpload upload : batch) {
                // after the upload's own version, as ingest's AbortMultipartUpload does
                var abort = new ObjectEvent.MultipartAborted(upload.uploadId(), upload.bucket(), upload.key(),
                        versions.nextAfter(upload.versionId()));
                events.send(abort);
                expired++;
                log.info("multipart upload expired bucket={} key={} multipartUploadId={} initiatedAt={} version={}",
                        upload.bucket(), upload.key(), upload.uploadId(), upload.initiatedAt(), abort.versionId());
            }
            if (batch.size() < batchSize) {
                return expired;
            }
            after = batch.get(batch.size() - 1);
        }
    }
}
