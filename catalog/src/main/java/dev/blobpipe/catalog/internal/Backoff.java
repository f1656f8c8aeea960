package dev.blobpipe.catalog.internal;

import java.time.Duration;

/** Exponential retry delays from a floor to a cap; owned by one thread. */
public final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private long nextMs;
    private int failures;

    public Backoff(Duration initial, Duration max) {
        this.initialMs = Math.max(1, initial.toMillis());
        this.maxMs = Math.max(initialMs, max.toMillis());
        this.nextMs = initialMs;
    }

    /** The delay before the next attempt; each call doubles the following one, up to the cap. */
    public long nextDelayMs() {
        failures++;
        long delay = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        return delay;
    }

    /** Failures since the last {@link #reset}. */
    public int failures() {
        return failures;
    }

    public void reset() {
        nextMs = initialMs;
        failures = 0;
    }
}
