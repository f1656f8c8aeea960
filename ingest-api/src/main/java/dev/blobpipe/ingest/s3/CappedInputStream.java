package dev.blobpipe.ingest.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most {@code maxBytes} of a small request body (a configuration document); one byte more is an S3 error. */
final class CappedInputStream extends FilterInputStream {
    private final long maxBytes;
    private final S3Error error;
    private long count;

    CappedInputStream(InputStream in, long maxBytes, S3Error error) {
        super(in);
        this.maxBytes = maxBytes;
        this.error = error;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long n) {
        count += n;
        if (count > maxBytes) {
            throw new S3Exception(error);
        }
    }
}
