package dev.blobpipe.schemas;

import java.util.Objects;

/** Marks an upload as part {@code partNumber} of a multipart upload rather than a whole object. */
public record PartOf(UploadId multipartUploadId, int partNumber) {
    public static final int MAX_PART_NUMBER = 10_000;

    public PartOf {
        Objects.requireNonNull(multipartUploadId, "multipartUploadId");
        if (partNumber < 1 || partNumber > MAX_PART_NUMBER) {
            throw new IllegalArgumentException("part number must be 1.." + MAX_PART_NUMBER + ": " + partNumber);
        }
    }
}
