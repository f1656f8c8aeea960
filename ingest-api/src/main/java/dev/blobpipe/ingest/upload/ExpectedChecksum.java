package dev.blobpipe.ingest.upload;

import java.util.Objects;

/** The checksum a client promised: value in a header, or (base64Value == null) in the aws-chunked trailer. */
public record ExpectedChecksum(ChecksumAlgorithm algorithm, String base64Value) {
    public ExpectedChecksum {
        Objects.requireNonNull(algorithm, "algorithm");
    }

    /** True when the value arrives in the body's trailer, under {@link ChecksumAlgorithm#headerName()}. */
    public boolean inTrailer() {
        return base64Value == null;
    }
}
