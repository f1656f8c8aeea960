package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.schemas.Extent;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.WriteCondition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies events to the catalog tables inside the caller's transaction. Idempotent and order-insensitive per name:
 * last writer wins by version id, a delete leaves a tombstone, and applying an event twice changes nothing. Every
 * location that stops being live, or never becomes live because a newer version is there, goes to {@code dead_blobs}.
 * Object versions (uploads, copies, completions) are written by {@link ObjectVersionWriter}, which also decides their
 * write conditions; multipart uploads and their parts by {@link MultipartApplier}. A write whose condition fails is
 * REJECTED and changes nothing but recording its own bytes dead. Bucket CORS and lifecycle configurations and object
 * tag sets are last writer wins by version, a tag set only while the version it names is live; a lifecycle expiry is
 * a delete applied only while the version it names is live.
 */
public final class EventApplier {
    private static final Logger log = LoggerFactory.getLogger(EventApplier.class);
    /** A first insert loses to a concurrent one at most once; more means the row vanished, which never happens. */
    private static final int MAX_ATTEMPTS = 3;

    private final Handle handle;
    private final ObjectVersionWriter versions;
    // DAOs are attached on first use: a batch of uploads and deletes needs none of them, and attaching all of them
    // for every batch was a visible share of the indexer's CPU
    private final Map<Class<?>, Object> daos = new HashMap<>();
    private MultipartApplier multipart;

    public EventApplier(Handle handle) {
        this.handle = handle;
        this.versions = new ObjectVersionWriter(handle);
    }

    public AppliedOutcome apply(ObjectEvent event) {
        if (event instanceof ObjectEvent.ObjectCommitted committed) {
            if (committed.manifest().partOf() != null) {
                return multipart().applyPart(committed);
            }
            return writeVersion(ObjectRow.committed(committed), List.of(), committed.manifest().condition());
        }
        if (event instanceof ObjectEvent.ObjectCopied copied) {
            return writeVersion(ObjectRow.copied(copied), copied.extents(), copied.manifest().condition());
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
            return multipart().start(started);
        }
        if (event instanceof ObjectEvent.MultipartCompleted completed) {
            return multipart().complete(completed);
        }
        if (event instanceof ObjectEvent.MultipartAborted aborted) {
            return multipart().abort(aborted);
        }
        if (event instanceof ObjectEvent.BucketCorsSet cors) {
            setCors(cors);
            return AppliedOutcome.APPLIED;
        }
        if (event instanceof ObjectEvent.ObjectTagsSet tags) {
            return setTags(tags);
        }
        if (event instanceof ObjectEvent.ObjectMoved moved) {
            return move(moved);
        }
        if (event instanceof ObjectEvent.BucketLifecycleSet lifecycle) {
            setLifecycle(lifecycle);
            return AppliedOutcome.APPLIED;
        }
        if (event instanceof ObjectEvent.ObjectExpired expired) {
            return expire(expired);
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    /**
     * A whole new version (upload or copy): REJECTED when its condition fails, and then its own bytes never become
     * live (for a copy they are the source's, still live there: see {@link DeadBlobDao}).
     */
    private AppliedOutcome writeVersion(ObjectRow row, List<Extent> ownExtents, WriteCondition condition) {
        if (versions.write(row, ownExtents, condition) == ObjectVersionWriter.Result.REJECTED) {
            versions.recordRejected(row, ownExtents);
            return AppliedOutcome.REJECTED;
        }
        return AppliedOutcome.APPLIED;
    }

    /** Last writer wins per bucket; an older configuration arriving late changes nothing. */
    private void setCors(ObjectEvent.BucketCorsSet event) {
        CorsDao cors = dao(CorsDao.class);
        String version = event.versionId().toString();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<String> current = cors.lockVersion(event.bucket());
            if (current.isEmpty()) {
                if (cors.insertFirst(event.bucket(), version) == 1) {
                    cors.insertRules(event.bucket(), event.rules());
                    return;
                }
                continue; // another indexer inserted the bucket's first configuration: decide against it
            }
            if (cors.replaceOlder(event.bucket(), version) == 1) {
                cors.removeRules(event.bucket());
                cors.insertRules(event.bucket(), event.rules());
            } else {
                log.debug("older CORS configuration ignored bucket={} version={} current={}", event.bucket(),
                        version, current.get());
            }
            return;
        }
        throw new IllegalStateException("could not apply CORS configuration " + event);
    }

    /** Last writer wins per bucket, exactly as {@link #setCors}. */
    private void setLifecycle(ObjectEvent.BucketLifecycleSet event) {
        LifecycleDao lifecycle = dao(LifecycleDao.class);
        String version = event.versionId().toString();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<String> current = lifecycle.lockVersion(event.bucket());
            if (current.isEmpty()) {
                if (lifecycle.insertFirst(event.bucket(), version) == 1) {
                    lifecycle.insertRules(event.bucket(), event.rules());
                    return;
                }
                continue; // another indexer inserted the bucket's first configuration: decide against it
            }
            if (lifecycle.replaceOlder(event.bucket(), version) == 1) {
                lifecycle.removeRules(event.bucket());
                lifecycle.insertRules(event.bucket(), event.rules());
            } else {
                log.debug("older lifecycle configuration ignored bucket={} version={} current={}", event.bucket(),
                        version, current.get());
            }
            return;
        }
        throw new IllegalStateException("could not apply lifecycle configuration " + event);
    }

    /**
     * A delete that applies only while the expired version is still the key's live one (decided under the key's row
     * lock): the compactor chose the version from a query, and an overwrite or delete applied since must win, so then
     * it is REJECTED and changes nothing. Applied, it is exactly a delete: a tombstone, the old bytes to dead_blobs.
     */
    private AppliedOutcome expire(ObjectEvent.ObjectExpired event) {
        Optional<CurrentVersion> current = versions.lockCurrent(event.bucket(), event.key());
        if (current.isPresent() && current.get().versionId().equals(event.versionId())) {
            return AppliedOutcome.APPLIED; // this very expiry again
        }
        if (current.isEmpty() || current.get().deleted()
                || !current.get().versionId().equals(event.expiredVersion())) {
            log.debug("expiry rejected, version not live bucket={} key={} expiredVersion={} version={}",
                    event.bucket(), event.key(), event.expiredVersion(), event.versionId());
            return AppliedOutcome.REJECTED;
        }
        versions.write(ObjectRow.expired(event), List.of());
        return AppliedOutcome.APPLIED;
    }

    /**
     * Tags apply to the object version they were set on, and only while it is the key's live version (S3 tags the
     * current version; an overwrite or delete in between makes the request fail, REJECTED). Among tag sets of that
     * version the newest wins; an older one arriving late, or the same one again, is APPLIED without a change.
     */
    private AppliedOutcome setTags(ObjectEvent.ObjectTagsSet event) {
        Optional<CurrentVersion> current = versions.lockCurrent(event.bucket(), event.key());
        if (current.isEmpty() || current.get().deleted()
                || !current.get().versionId().equals(event.objectVersion())) {
            log.debug("tag set rejected, version not live bucket={} key={} objectVersion={} version={}",
                    event.bucket(), event.key(), event.objectVersion(), event.versionId());
            return AppliedOutcome.REJECTED;
        }
        dao(ObjectDao.class).replaceTags(event.bucket(), event.key(), event.objectVersion().toString(),
                event.versionId().toString(), MetadataColumns.toPairs(event.tags()));
        return AppliedOutcome.APPLIED;
    }

    /**
     * Points every live reference to the moved range at its copy and records the range dead (under the move's
     * version); REJECTED when none is left (overwritten or deleted
     * before the move was applied: the copy is garbage in the compactor's segment). Applying it again finds nothing
     * at {@code from} any more and is REJECTED too, which changes nothing.
     */
    private AppliedOutcome move(ObjectEvent.ObjectMoved event) {
        LocationDao locations = dao(LocationDao.class);
        ObjectLocation from = event.from();
        ObjectLocation to = event.to();
        int moved = locations.moveObjects(from.blobName(), from.offset(), from.lengthBytes(), to.blobName(),
                to.offset())
                + locations.moveExtents(from.blobName(), from.offset(), from.lengthBytes(), to.blobName(),
                        to.offset());
        if (moved == 0) {
            log.debug("move found no reference from={} to={} version={}", from, to, event.versionId());
            return AppliedOutcome.REJECTED;
        }
        // the old range is garbage now, but a GET that looked it up before the move may still be reading it
        versions.recordDead(event.versionId(), List.of(from), event.bucket(), event.key());
        return AppliedOutcome.APPLIED;
    }

    private void createBucket(ObjectEvent.BucketCreated event) {
        BucketDao buckets = dao(BucketDao.class);
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
        BucketDao buckets = dao(BucketDao.class);
        String version = event.versionId().toString();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<BucketDao.BucketState> current = buckets.lockCurrent(event.bucket());
            if (current.isPresent() && !event.versionId().isAfter(current.get().versionId())) {
                return AppliedOutcome.APPLIED; // the same delete again, or superseded by a newer create or delete
            }
            if (dao(ObjectDao.class).hasLive(event.bucket())) {
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

    private MultipartApplier multipart() {
        if (multipart == null) {
            multipart = new MultipartApplier(handle, versions);
        }
        return multipart;
    }

    /** The DAO of {@code type} on this handle, attached on first use. */
    private <T> T dao(Class<T> type) {
        return type.cast(daos.computeIfAbsent(type, handle::attach));
    }
}
