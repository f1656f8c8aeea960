package dev.blobpipe.stats;

import java.time.Instant;
import java.util.Objects;

/** An upload with chunks on blobpipe.chunks and neither commit nor abort, quiet since {@code lastSeen}. */
public record IdleUpload(String uploadId, Instant firstSeen, Instant lastSeen, long chunks, long bytes) {
    public IdleUpload {
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
