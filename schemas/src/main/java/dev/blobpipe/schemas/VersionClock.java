package dev.blobpipe.schemas;

import java.time.Clock;
import java.util.Objects;

/**
 * Assigns {@link VersionId}s from a hybrid logical clock: never behind the wall clock, never behind any version it was
 * told about, and strictly increasing on this node. Thread-safe.
 *
 * <p>{@link #nextAfter} is how sequential overwrites through instances with skewed clocks still order correctly: the
 * caller passes the key's current version and gets a later one even if this node's wall clock is behind.
 */
public final class VersionClock {
    private final Clock wallClock;
    private final int nodeId;
    private long lastMillis;
    private int lastCounter;

    public VersionClock(Clock wallClock, int nodeId) {
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        if (nodeId < 0 || nodeId > 0xFFFF) {
            throw new IllegalArgumentException("nodeId must be 0..65535: " + nodeId);
        }
        this.nodeId = nodeId;
    }

    public synchronized VersionId next() {
        return nextAfter(VersionId.ZERO);
    }

    /** A new version later than both every version this clock issued and {@code seen}. */
    public synchronized VersionId nextAfter(VersionId seen) {
        long now = wallClock.millis();
        long floorMillis = Math.max(lastMillis, seen.physicalMillis());
        if (now > floorMillis) {
            lastMillis = now;
            lastCounter = 0;
        } else {
            int floorCounter = lastMillis == floorMillis ? lastCounter : -1;
            if (seen.physicalMillis() == floorMillis) {
                floorCounter = Math.max(floorCounter, seen.counter());
            }
            lastMillis = floorMillis;
            lastCounter = floorCounter + 1;
            if (lastCounter > 0xFFFF) {
                // 65,536 versions in one millisecond: borrow the next millisecond rather than wrap
                lastMillis++;
                lastCounter = 0;
            }
        }
        return new VersionId(lastMillis, lastCounter, nodeId);
    }
}
