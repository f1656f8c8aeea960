package dev.blobpipe.ingest.auth;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * A request body as the client meant it: aws-chunked framing removed and chunk signatures checked as bytes are read.
 * Reads throw {@link dev.blobpipe.ingest.s3.S3Exception} for a bad signature, a SHA-256 mismatch or a truncated body.
 */
public abstract class DecodedBody extends InputStream {
    /** Trailing headers (lower-case names, e.g. x-amz-checksum-crc32), complete once the stream returned -1. */
    public abstract Map<String, String> trailers();

    /** Bodies are read in bulk; a single byte goes through the same checked path. */
    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int count = read(one, 0, 1);
        return count < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] buffer, int offset, int length) throws IOException;
}
