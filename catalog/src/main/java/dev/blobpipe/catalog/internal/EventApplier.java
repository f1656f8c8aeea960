package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.schemas.ObjectEvent;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies events to the catalog tables inside the caller's transaction. Idempotent and order-insensitive per name:
 * last writer wins by version id, a delete leaves a tombstone, and applying an event twice changes nothing. Every
 * location that stops being live, or never becomes live because a newer version is there, goes to {@code dead_blobs}.
 * Object versions are written by {@link ObjectVersionWriter}, multipart uploads and their parts by
 * {@link MultipartApplier}.
 */
public final class EventApplier {
    private static final Logger log = LoggerFactory.getLogger(EventApplier.class);
    /** A first insert loses to a concurrent one at most once; more means the row vanished, which never happens. */
    private static final int MAX_ATTEMPTS = 3;

    private final ObjectDao objects;
    private final BucketDao buckets;
    private final ObjectVersionWriter versions;
    private final MultipartApplier multipart;

    public EventApplier(Handle handle) {
        this.objects = handle.attach(ObjectDao.class);
        this.buckets = handle.attach(BucketDao.class);
        this.versions = new ObjectVersionWriter(handle);
        this.multipart = new MultipartApplier(handle, versions);
    }

    public AppliedOutcome apply(ObjectEvent event) {
        if (event instanceof ObjectEvent.ObjectCommitted committed) {
            if (committed.manifest().partOf() != null) {
                return multipart.applyPart(committed);
            }
            versions.write(ObjectRow.committed(committed), List.of());
            return AppliedOutcome.APPLIED;
        }
        if (event instanceof ObjectEvent.ObjectDeleted deleted) {
            versions.write(ObjectRow.deleted(deleted), List.of());
            return AppliedOutcome.APPLIED;
        }
        if (event instanceof ObjectEvent.BucketCreated created) {
            createBucket(created);
            return AppliedOutcome.APPLIED;
        }
        if (event instanceof ObjectEvent.BucketDeleted deleted) {
            return deleteBucket(deleted);
        }
        if (event instanceof ObjectEvent.MultipartStarted started) {
            return multipart.start(started);
        }
        if (event instanceof ObjectEvent.MultipartCompleted completed) {
            return multipart.complete(completed);
        }
        if (event instanceof ObjectEvent.MultipartAborted aborted) {
            return multipart.abort(aborted);
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    private void createBucket(ObjectEvent.BucketCreated event) {
        String version = event.versionId().toString();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<BucketDao.BucketState> current = buckets.lockCurrent(event.bucket());
            if (current.isEmpty()) {
                if (buckets.insertFirst(event.bucket(), version, false, event.createdAt(), event.region()) == 1) {
                    return;
                }
                continue;
            }
            // A live bucket stays as it is (S3: BucketAlreadyOwnedByYou, checked by the API before publishing);
            // a tombstone is replaced only by a newer create.
            if (current.get().deleted() && event.versionId().isAfter(current.get().versionId())) {
                buckets.recreate(event.bucket(), version, event.createdAt(), event.region());
            }
            return;
        }
        throw new IllegalStateException("could not apply bucket create " + event);
    }

    private AppliedOutcome deleteBucket(ObjectEvent.BucketDeleted event) {
        String version = event.versionId().toString();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<BucketDao.BucketState> current = buckets.lockCurrent(event.bucket());
            if (current.isPresent() && !event.versionId().isAfter(current.get().versionId())) {
                return AppliedOutcome.APPLIED; // the same delete again, or superseded by a newer create or delete
            }
            if (objects.hasLive(event.bucket())) {
                log.debug("bucket delete rejected, bucket not empty bucket={} version={}", event.bucket(), version);
                return AppliedOutcome.REJECTED;
            }
            if (current.isPresent()) {
                buckets.tombstone(event.bucket(), version);
                return AppliedOutcome.APPLIED;
            }
            if (buckets.insertFirst(event.bucket(), version, true, null, null) == 1) {
                return AppliedOutcome.APPLIED;
            }
        }
        throw new IllegalStateException("could not apply bucket delete " + event);
    }
}
