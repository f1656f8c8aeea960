package dev.blobpipe.schemas;

import java.util.Objects;

/**
 * Where an object's bytes live in the blob store: a slice of one immutable blob. A large object is a whole blob
 * (offset 0); a packed small object is a slice of a segment.
 */
public record ObjectLocation(String blobName, long offset, long lengthBytes) {
    public ObjectLocation {
        Objects.requireNonNull(blobName, "blobName");
        if (blobName.isEmpty() || offset < 0 || lengthBytes < 0) {
            throw new IllegalArgumentException("bad location " + blobName + "@" + offset + "+" + lengthBytes);
        }
    }

    public static ObjectLocation wholeBlob(String blobName, long lengthBytes) {
        return new ObjectLocation(blobName, 0, lengthBytes);
    }
}
