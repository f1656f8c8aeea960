package dev.blobpipe.catalog.rebuild;

/**
 * How far a rebuild is: the rebuilt catalog has applied every event before offset {@code applied} of
 * blobpipe.events, which it replays from {@code start} up to {@code end} (offsets count transaction markers too, so
 * they are an upper bound on events).
 */
public record RebuildProgress(long start, long applied, long end) {
    public RebuildProgress {
        if (start < 0 || applied < start || end < start) {
            throw new IllegalArgumentException("bad progress start=" + start + " applied=" + applied + " end=" + end);
        }
    }

    /** Offsets applied so far. */
    public long done() {
        return Math.min(applied, end) - start;
    }

    /** Offsets to apply in all. */
    public long total() {
        return end - start;
    }
}
