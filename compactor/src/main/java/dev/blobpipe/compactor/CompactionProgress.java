package dev.blobpipe.compactor;

/** Hears about each segment a sweep rewrote, as it finishes (for a progress line); called on the sweeping thread. */
@FunctionalInterface
public interface CompactionProgress {
    CompactionProgress NONE = (done, total, rewrite) -> { };

    /** The {@code done}-th of {@code total} segments chosen for rewriting this sweep is rewritten. */
    void segmentRewritten(int done, int total, SegmentRewrite rewrite);
}
