package dev.blobpipe.catalog.internal;

import dev.blobpipe.schemas.Extent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.VersionId;
import dev.blobpipe.schemas.WriteCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes object versions into {@code objects} last-writer-wins, inside the caller's transaction: a version becomes the
 * key's row only if it is newer than the row there. Whatever stops being live — the superseded version's location or
 * extents — or never becomes live — a late, older version's own location or extents — goes to {@code dead_blobs}.
 *
 * <p>The key's row is locked ({@code SELECT … FOR UPDATE}) before deciding, so two indexers applying different versions
 * of one key (the events topic is keyed by version too, so they may sit on different partitions) decide in turn. A
 * write's condition (S3 conditional write) is decided under that same lock, against the live version's ETag, so of two
 * racing {@code If-None-Match: *} writes exactly one passes. The statements of every version run in plain JDBC
 * ({@link ObjectRowStatements}); extents, rare, through {@link ExtentDao}.
 */
final class ObjectVersionWriter {
    private static final Logger log = LoggerFactory.getLogger(ObjectVersionWriter.class);
    /** A first insert loses to a concurrent one at most once; more means the row vanished, which never happens. */
    private static final int MAX_ATTEMPTS = 3;

    /** How a version fared against the key's row. */
    enum Result {
        /** The version is now the key's row. */
        WON,
        /** A newer version (or tombstone) holds the key; this version's bytes were recorded dead. */
        LOST,
        /** The key holds this very version already: a replay, nothing changed. */
        ALREADY,
        /**
         * The write's condition failed against the key's live version: nothing changed and nothing was recorded dead
         * (the caller decides what the write's own bytes are).
         */
        REJECTED
    }

    private final ObjectRowStatements objects;
    private final Handle handle;
    /** Attached on first use: most batches hold no multipart object. */
    private ExtentDao extents;

    ObjectVersionWriter(Handle handle) {
        this.objects = new ObjectRowStatements(handle.getConnection());
        this.handle = handle;
    }

    /** The key's current version, row-locked until the transaction ends; empty if the key never existed. */
    Optional<CurrentVersion> lockCurrent(String bucket, String key) {
        return objects.lockCurrent(bucket, key);
    }

    /**
     * Makes {@code row} the key's row if it is newer than what is there; {@code ownExtents} are the version's extents
     * (a multipart object) or empty (the row has a location, or is a tombstone). Bucket existence is not checked: it
     * was checked when the request was accepted, and an event must apply the same way on every replay.
     */
    Result write(ObjectRow row, List<Extent> ownExtents) {
        return write(row, ownExtents, null);
    }

    /**
     * As {@link #write(ObjectRow, List)}, but only if {@code condition} (nullable: none) allows the key's live version
     * (its ETag, or null when the key has none or its newest version is a delete); else {@link Result#REJECTED}. A
     * replay of the version the key already holds is {@link Result#ALREADY}, whatever the condition says now.
     */
    Result write(ObjectRow row, List<Extent> ownExtents, WriteCondition condition) {
        VersionId version = VersionId.parse(row.versionId());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<CurrentVersion> found = objects.lockCurrent(row.bucket(), row.key());
            if (found.isPresent() && found.get().versionId().equals(version)) {
                return Result.ALREADY;
            }
            String liveEtag = found.map(CurrentVersion::etag).orElse(null);
            if (condition != null && !condition.allows(liveEtag)) {
                log.debug("conditional write rejected bucket={} key={} version={} condition={} liveEtag={}",
                        row.bucket(), row.key(), version, condition.kind(), liveEtag);
                return Result.REJECTED;
            }
            if (found.isEmpty()) {
                // a concurrent first insert makes this 0; the next attempt locks that row and decides again,
                // condition included, so two racing If-None-Match: * writes cannot both pass
                if (objects.insertFirst(row) == 1) {
                    storeExtents(row, ownExtents);
                    return Result.WON;
                }
                continue; // another indexer inserted the key first: decide against its row
            }
            CurrentVersion current = found.get();
            if (version.compareTo(current.versionId()) < 0) {
                // a late, older version: it never becomes visible, so its bytes are garbage from the start
                log.debug("older version ignored bucket={} key={} version={} current={}", row.bucket(), row.key(),
                        version, current.versionId());
                recordDead(version, ownLocations(row, ownExtents), row);
                return Result.LOST;
            }
            objects.replaceOlder(row);
            storeExtents(row, ownExtents);
            if (!current.deleted()) {
                recordDead(current.versionId(), supersededLocations(row, current), row);
            }
            return Result.WON;
        }
        throw new IllegalStateException("could not apply version " + version + " to " + row.bucket() + "/"
                + row.key());
    }

    /** The superseded version's location, or its extents (removed from object_extents, as they are no longer live). */
    private List<ObjectLocation> supersededLocations(ObjectRow row, CurrentVersion current) {
        if (current.partCount() > 0) {
            return extents().remove(row.bucket(), row.key(), current.versionId().toString());
        }
        return current.location() == null ? List.of() : List.of(current.location());
    }

    /** The locations a version of {@code row} with {@code ownExtents} would have had. */
    static List<ObjectLocation> ownLocations(ObjectRow row, List<Extent> ownExtents) {
        if (row.blobName() != null) {
            return List.of(new ObjectLocation(row.blobName(), row.blobOffset(), row.blobLength()));
        }
        List<ObjectLocation> locations = new ArrayList<>(ownExtents.size());
        ownExtents.forEach(extent -> locations.add(extent.location()));
        return locations;
    }

    private void storeExtents(ObjectRow row, List<Extent> ownExtents) {
        if (ownExtents.isEmpty()) {
            return;
        }
        int count = ownExtents.size();
        int[] partNumbers = new int[count];
        String[] blobNames = new String[count];
        long[] offsets = new long[count];
        long[] lengths = new long[count];
        for (int index = 0; index < count; index++) {
            Extent extent = ownExtents.get(index);
            partNumbers[index] = extent.partNumber();
            blobNames[index] = extent.location().blobName();
            offsets[index] = extent.location().offset();
            lengths[index] = extent.location().lengthBytes();
        }
        // a completed upload's row carries its multipart upload id, whose chosen parts give each extent its
        // checksums; a copy's has none (ObjectCopied carries locations only), so its extents keep no part checksums
        extents().insert(row.bucket(), row.key(), row.versionId(), partNumbers, blobNames, offsets, lengths,
                row.uploadId());
    }

    /** Records a version's locations dead; recording them again changes nothing. */
    void recordDead(VersionId version, List<ObjectLocation> locations, String bucket, String key) {
        for (ObjectLocation location : locations) {
            objects.recordDead(version.toString(), location, bucket, key, false);
        }
    }

    /** Records the own locations of a version whose condition failed, marked as rejected. */
    void recordRejected(ObjectRow row, List<Extent> ownExtents) {
        for (ObjectLocation location : ownLocations(row, ownExtents)) {
            objects.recordDead(row.versionId(), location, row.bucket(), row.key(), true);
        }
    }

    private void recordDead(VersionId version, List<ObjectLocation> locations, ObjectRow row) {
        recordDead(version, locations, row.bucket(), row.key());
    }

    private ExtentDao extents() {
        if (extents == null) {
            extents = handle.attach(ExtentDao.class);
        }
        return extents;
    }
}
