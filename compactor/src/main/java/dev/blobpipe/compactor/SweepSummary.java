package dev.blobpipe.compactor;

import java.time.Duration;
import java.util.Objects;

/**
 * What one sweep did. {@code objectsExpired} counts lifecycle expiries published ({@code uploadsExpired} includes
 * uploads aborted by a lifecycle rule). {@code deadRowsDropped} counts dead rows forgotten WITHOUT deleting their
 * blob, because a live version still references it (rows of deleted blobs go with them and are not counted).
 * {@code skipped}: another sweep held the lock, so this one did nothing. {@code bytesReclaimed} counts deleted blobs
 * and deleted pack segments; {@code bytesCopied} is what segment rewrites wrote (frames, headers included) in
 * {@code rewriteTime}. {@code reclaimDeferred}: the indexer had not applied every event published before the sweep
 * began, so nothing was deleted or rewritten (expiries ran).
 */
public record SweepSummary(int blobsDeleted, long bytesReclaimed, int uploadsExpired, int deadRowsDropped,
        boolean skipped, int segmentsRewritten, int segmentsDeleted, long bytesCopied, Duration rewriteTime,
        int objectsExpired, boolean reclaimDeferred) {
    public static final SweepSummary NOTHING = new SweepSummary(0, 0, 0, 0, false);
    public static final SweepSummary SKIPPED = new SweepSummary(0, 0, 0, 0, true);
    static final SweepSummary DEFERRED = new SweepSummary(0, 0, 0, 0, false, 0, 0, 0, Duration.ZERO, 0, true);

    public SweepSummary {
        Objects.requireNonNull(rewriteTime, "rewriteTime");
        if (blobsDeleted < 0 || bytesReclaimed < 0 || uploadsExpired < 0 || deadRowsDropped < 0
                || segmentsRewritten < 0 || segmentsDeleted < 0 || bytesCopied < 0 || rewriteTime.isNegative()
                || objectsExpired < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
    }

    /** A summary of dead blob collection and multipart expiry alone. */
    public SweepSummary(int blobsDeleted, long bytesReclaimed, int uploadsExpired, int deadRowsDropped,
            boolean skipped) {
        this(blobsDeleted, bytesReclaimed, uploadsExpired, deadRowsDropped, skipped, 0, 0, 0, Duration.ZERO, 0, false);
    }

    /** What segment compaction alone did. */
    static SweepSummary ofSegments(int rewritten, int deleted, long bytesReclaimed, long bytesCopied,
            Duration rewriteTime) {
        return new SweepSummary(0, bytesReclaimed, 0, 0, false, rewritten, deleted, bytesCopied, rewriteTime, 0,
                false);
    }

    /** What lifecycle expiry alone did. */
    static SweepSummary lifecycle(int objectsExpired, int uploadsAborted) {
        return new SweepSummary(0, 0, uploadsAborted, 0, false, 0, 0, 0, Duration.ZERO, objectsExpired, false);
    }

    /** Both sweeps' work added up (a skipped part adds nothing). */
    public SweepSummary plus(SweepSummary other) {
        return new SweepSummary(blobsDeleted + other.blobsDeleted, bytesReclaimed + other.bytesReclaimed,
                uploadsExpired + other.uploadsExpired, deadRowsDropped + other.deadRowsDropped,
                skipped && other.skipped, segmentsRewritten + other.segmentsRewritten,
                segmentsDeleted + other.segmentsDeleted, bytesCopied + other.bytesCopied,
                rewriteTime.plus(other.rewriteTime), objectsExpired + other.objectsExpired,
                reclaimDeferred || other.reclaimDeferred);
    }

    /** True if the sweep deleted, expired, dropped or rewrote anything. */
    public boolean changedAnything() {
        return blobsDeleted > 0 || uploadsExpired > 0 || deadRowsDropped > 0 || segmentsRewritten > 0
                || segmentsDeleted > 0 || objectsExpired > 0;
    }
}
