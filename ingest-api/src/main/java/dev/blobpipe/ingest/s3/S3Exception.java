package dev.blobpipe.ingest.s3;

import java.util.Objects;

/**
 * An S3 error to answer: thrown anywhere in ingest-api (also from inside a request body stream, which is why it is
 * unchecked), rendered once by the error renderer. The message is sent to the client, so it never carries internals.
 */
public final class S3Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final S3Error error;

    public S3Exception(S3Error error) {
        this(error, error.message());
    }

    public S3Exception(S3Error error, String message) {
        super(message, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
    }

    public S3Error error() {
        return error;
    }
}
