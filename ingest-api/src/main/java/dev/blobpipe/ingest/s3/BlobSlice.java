package dev.blobpipe.ingest.s3;

import dev.blobpipe.schemas.ObjectLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run of bytes in one blob: what a read of a byte range of an object turns into. An object uploaded whole has one
 * location; a multipart object has its parts' locations in order, and a range may start in one and end in another.
 */
record BlobSlice(String blobName, long offset, long length) {

    BlobSlice {
        Objects.requireNonNull(blobName, "blobName");
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("bad slice " + blobName + "@" + offset + "+" + length);
        }
    }

    /**
     * The slices holding bytes {@code first} to {@code first + length - 1} of the object stored at {@code locations},
     * in order. Empty parts are skipped; a range beyond the locations' total is a broken catalog row, refused.
     */
    static List<BlobSlice> cover(List<ObjectLocation> locations, long first, long length) {
        if (first < 0 || length < 0) {
            throw new IllegalArgumentException("bad range " + first + "+" + length);
        }
        List<BlobSlice> slices = new ArrayList<>();
        long objectOffset = 0;   // where the current location starts within the object
        long next = first;       // the next object byte to cover
        long end = first + length;
        for (ObjectLocation location : locations) {
            if (next >= end) {
                break;
            }
            long locationEnd = objectOffset + location.lengthBytes();
            if (next < locationEnd) {
                long within = next - objectOffset;
                long take = Math.min(end, locationEnd) - next;
                slices.add(new BlobSlice(location.blobName(), location.offset() + within, take));
                next += take;
            }
            objectOffset = locationEnd;
        }
        if (next < end) {
            throw new IllegalStateException("range " + first + "+" + length + " runs past the object's "
                    + objectOffset + " stored bytes");
        }
        return slices;
    }
}
