package dev.blobpipe.catalog;

import java.util.Objects;

/**
 * How the catalog uses one pack segment now: the bytes of its distinct live ranges (each range counted once, however
 * many versions share it), how many ranges are live, how many of them only parts of open multipart uploads hold
 * (pinned: a completion on its way names them, so they cannot move), and whether a dead row of the segment was
 * recorded after the grace cutoff (a GET that resolved a location before an overwrite or move may still read it).
 */
public record SegmentUsage(String segmentName, long liveBytes, int liveRanges, int pinnedRanges,
        boolean recentlyDead) {
    public SegmentUsage {
        Objects.requireNonNull(segmentName, "segmentName");
        if (liveBytes < 0 || liveRanges < 0 || pinnedRanges < 0 || pinnedRanges > liveRanges) {
            throw new IllegalArgumentException("bad segment usage of " + segmentName);
        }
    }

    /** Nothing references the segment: once no dead row is recent either, its bytes may go. */
    public boolean unreferenced() {
        return liveRanges == 0;
    }

    /** Ranges a rewrite could move (referenced, and not pinned by an open multipart upload). */
    public int movableRanges() {
        return liveRanges - pinnedRanges;
    }
}
