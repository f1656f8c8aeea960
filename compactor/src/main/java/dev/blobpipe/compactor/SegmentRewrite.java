package dev.blobpipe.compactor;

import java.time.Duration;
import java.util.Objects;

/**
 * What rewriting one pack segment did: frames copied and moves published, bytes written (frames, headers included),
 * live frames left where they are because their payload failed its CRC, and how long it took.
 */
public record SegmentRewrite(String segmentName, long sizeBytes, int framesMoved, long bytesCopied,
        int corruptFrames, Duration took) {
    public SegmentRewrite {
        Objects.requireNonNull(segmentName, "segmentName");
        Objects.requireNonNull(took, "took");
    }
}
