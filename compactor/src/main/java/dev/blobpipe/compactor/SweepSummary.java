package dev.blobpipe.compactor;

/**
 * What one sweep did. {@code objectsExpired} counts lifecycle expiries published ({@code uploadsExpired} includes
 * uploads aborted by a lifecycle rule). {@code deadRowsDropped} counts dead rows forgotten WITHOUT deleting their blob, because a live
 * version still references it (rows of deleted blobs go with them and are not counted). {@code skipped}: another
 * sweep held the lock, so this one did nothing.
 */
public record SweepSummary(int blobsDeleted, long bytesReclaimed, int uploadsExpired, int deadRowsDropped,
        boolean skipped, int objectsExpired) {
    public static final SweepSummary NOTHING = new SweepSummary(0, 0, 0, 0, false);
    public static final SweepSummary SKIPPED = new SweepSummary(0, 0, 0, 0, true);

    public SweepSummary {
        if (blobsDeleted < 0 || bytesReclaimed < 0 || uploadsExpired < 0 || deadRowsDropped < 0
                || objectsExpired < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
    }

    /** A summary that expired no object. */
    public SweepSummary(int blobsDeleted, long bytesReclaimed, int uploadsExpired, int deadRowsDropped,
            boolean skipped) {
        this(blobsDeleted, bytesReclaimed, uploadsExpired, deadRowsDropped, skipped, 0);
    }

    /** A summary of lifecycle expiry alone. */
    static SweepSummary lifecycle(int objectsExpired, int uploadsAborted) {
        return new SweepSummary(0, 0, uploadsAborted, 0, false, objectsExpired);
    }

    /** Both sweeps' work added up (a skipped part adds nothing). */
    public SweepSummary plus(SweepSummary other) {
        return new SweepSummary(blobsDeleted + other.blobsDeleted, bytesReclaimed + other.bytesReclaimed,
                uploadsExpired + other.uploadsExpired, deadRowsDropped + other.deadRowsDropped,
                skipped && other.skipped, objectsExpired + other.objectsExpired);
    }

    /** True if the sweep deleted, expired or dropped anything. */
    public boolean changedAnything() {
        return blobsDeleted > 0 || uploadsExpired > 0 || deadRowsDropped > 0 || objectsExpired > 0;
    }
}
