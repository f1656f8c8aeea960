package dev.blobpipe.ingest.upload;

import java.util.Objects;

/**
 * The checksum a body must have: the value a client promised in a header, or (base64Value == null) in the
 * aws-chunked trailer; or, when {@code verified} is false, none at all: the algorithm is only computed and stored
 * (an UploadPartCopy into an upload created with a checksum algorithm, which S3 checksums itself).
 */
public record ExpectedChecksum(ChecksumAlgorithm algorithm, String base64Value, boolean verified) {
    public ExpectedChecksum {
        Objects.requireNonNull(algorithm, "algorithm");
        if (!verified && base64Value != null) {
            throw new IllegalArgumentException("a computed-only checksum has no expected value");
        }
    }

    /** A checksum the client promised: in a header, or in the trailer when {@code base64Value} is null. */
    public ExpectedChecksum(ChecksumAlgorithm algorithm, String base64Value) {
        this(algorithm, base64Value, true);
    }

    /** Compute and store {@code algorithm}, check nothing. */
    public static ExpectedChecksum computed(ChecksumAlgorithm algorithm) {
        return new ExpectedChecksum(algorithm, null, false);
    }

    /** True when the value arrives in the body's trailer, under {@link ChecksumAlgorithm#headerName()}. */
    public boolean inTrailer() {
        return verified && base64Value == null;
    }
}
