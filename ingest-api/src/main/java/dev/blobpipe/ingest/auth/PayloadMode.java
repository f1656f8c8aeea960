package dev.blobpipe.ingest.auth;

/** How the body of a SigV4 request is protected, from its x-amz-content-sha256 header. */
public enum PayloadMode {
    /** A hex SHA-256 of the whole body, checked at its end. */
    SIGNED,
    /** UNSIGNED-PAYLOAD. */
    UNSIGNED,
    /** STREAMING-AWS4-HMAC-SHA256-PAYLOAD: aws-chunked, each chunk signed. */
    STREAMING_SIGNED,
    /** STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER: aws-chunked, chunks and trailer signed. */
    STREAMING_SIGNED_TRAILER,
    /** STREAMING-UNSIGNED-PAYLOAD-TRAILER: aws-chunked, unsigned, with a trailing checksum. */
    STREAMING_UNSIGNED_TRAILER
}
