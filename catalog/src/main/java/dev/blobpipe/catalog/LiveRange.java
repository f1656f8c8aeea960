package dev.blobpipe.catalog;

/**
 * One distinct live range of a pack segment (a frame's payload): referenced by a live object version, an extent of a
 * live multipart object, or a part of an open multipart upload ({@code pinned}: it must stay where it is).
 */
public record LiveRange(long offset, long lengthBytes, boolean pinned) {
    public LiveRange {
        if (offset < 0 || lengthBytes < 0) {
            throw new IllegalArgumentException("bad range " + offset + "+" + lengthBytes);
        }
    }
}
