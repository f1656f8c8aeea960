package dev.blobpipe.ingest.auth;

import java.io.InputStream;
import java.util.Map;

/**
 * A request body as the client meant it: aws-chunked framing removed and chunk signatures checked as bytes are read.
 * Reads throw {@link dev.blobpipe.ingest.s3.S3Exception} for a bad signature, a SHA-256 mismatch or a truncated body.
 */
public abstract class DecodedBody extends InputStream {
    /** Trailing headers (lower-case names, e.g. x-amz-checksum-crc32), complete once the stream returned -1. */
    public abstract Map<String, String> trailers();
}
