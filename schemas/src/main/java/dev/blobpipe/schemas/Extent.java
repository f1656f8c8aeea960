package dev.blobpipe.schemas;

import java.util.Objects;

/** One part of a completed multipart object: its part number and where its bytes are. */
public record Extent(int partNumber, ObjectLocation location) {
    public Extent {
        Objects.requireNonNull(location, "location");
        if (partNumber < 1 || partNumber > PartOf.MAX_PART_NUMBER) {
            throw new IllegalArgumentException("bad part number " + partNumber);
        }
    }
}
