package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.VersionId;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies object events to the catalog tables inside the caller's transaction. Idempotent and order-insensitive per
 * name: last writer wins by version id, a delete leaves a tombstone, and applying an event twice changes nothing.
 * Every location that stops being live, or never becomes live because a newer version is there, goes to
 * {@code dead_blobs}.
 *
 * <p>Rows are locked ({@code SELECT … FOR UPDATE}) before deciding, so two indexers applying different versions of one
 * key (the events topic is keyed by version too, so they may sit on different partitions) decide one after the other.
 */
public final class EventApplier {
    private static final Logger log = LoggerFactory.getLogger(EventApplier.class);
    /** A first insert loses to a concurrent one at most once; more means the row vanished, which never happens. */
    private static final int MAX_ATTEMPTS = 3;

    private final ObjectDao objects;
    private final BucketDao buckets;
    private final DeadBlobDao deadBlobs;

    public EventApplier(Handle handle) {
        this.objects = handle.attach(ObjectDao.class);
        this.buckets = handle.attach(BucketDao.class);
        this.deadBlobs = handle.attach(DeadBlobDao.class);
    }

    public AppliedOutcome apply(ObjectEvent event) {
        if (event instanceof ObjectEvent.ObjectCommitted committed) {
            applyVersion(ObjectRow.committed(committed), committed.versionId(), committed.location());
            return AppliedOutcome.APPLIED;
        }
        if (event instanceof ObjectEvent.ObjectDeleted deleted) {
            applyVersion(ObjectRow.deleted(deleted), deleted.versionId(), null);
            return AppliedOutcome.APPLIED;
        }
        if (event instanceof ObjectEvent.BucketCreated created) {
            createBucket(created);
            return AppliedOutcome.APPLIED;
        }
        if (event instanceof ObjectEvent.BucketDeleted deleted) {
            return deleteBucket(deleted);
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    /**
     * Makes {@code row} the key's row if it is newer than what is there. Bucket existence is not checked: it was
     * checked when the request was accepted, and an event must apply the same way on every replay.
     */
    private void applyVersion(ObjectRow row, VersionId version, ObjectLocation ownLocation) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<ObjectDao.CurrentVersion> found = objects.lockCurrent(row.bucket(), row.key());
            if (found.isEmpty()) {
                if (objects.insertFirst(row) == 1) {
                    return;
                }
                continue; // another indexer inserted the key first: decide against its row
            }
            ObjectDao.CurrentVersion current = found.get();
            int order = version.compareTo(current.versionId());
            if (order == 0) {
                return; // the same event again (replay): already applied
            }
            if (order < 0) {
                // a late, older version: it never becomes visible, so its bytes are garbage from the start
                log.debug("older version ignored bucket={} key={} version={} current={}", row.bucket(), row.key(),
                        version, current.versionId());
                if (ownLocation != null) {
                    recordDead(version, ownLocation, row);
                }
                return;
            }
            objects.replaceOlder(row);
            if (!current.deleted() && current.location() != null) {
                recordDead(current.versionId(), current.location(), row);
            }
            return;
        }
        throw new IllegalStateException("could not apply version " + version + " to " + row.bucket() + "/"
                + row.key());
    }

    private void recordDead(VersionId version, ObjectLocation location, ObjectRow row) {
        deadBlobs.record(version.toString(), location.blobName(), location.offset(), location.lengthBytes(),
                row.bucket(), row.key());
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
