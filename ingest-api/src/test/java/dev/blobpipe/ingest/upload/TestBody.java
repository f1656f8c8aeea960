package dev.blobpipe.ingest.upload;

import dev.blobpipe.ingest.auth.DecodedBody;
import java.io.IOException;
import java.util.Map;

/** A request body for tests: serves short reads like a socket, may fail part-way like a disconnecting client. */
final class TestBody extends DecodedBody {
    private final byte[] bytes;
    private final int maxReadBytes;
    private final long failAfterBytes;
    private final Map<String, String> trailers;
    private int position;

    private TestBody(byte[] bytes, int maxReadBytes, long failAfterBytes, Map<String, String> trailers) {
        this.bytes = bytes;
        this.maxReadBytes = maxReadBytes;
        this.failAfterBytes = failAfterBytes;
        this.trailers = Map.copyOf(trailers);
    }

    static TestBody of(byte[] bytes) {
        return new TestBody(bytes, Integer.MAX_VALUE, Long.MAX_VALUE, Map.of());
    }

    /** Each read returns at most {@code maxReadBytes}, as a socket does. */
    static TestBody withShortReads(byte[] bytes, int maxReadBytes) {
        return new TestBody(bytes, maxReadBytes, Long.MAX_VALUE, Map.of());
    }

    /** Reads fail with IOException once {@code failAfterBytes} bytes were served: the client went away. */
    static TestBody disconnectingAfter(byte[] bytes, long failAfterBytes) {
        return new TestBody(bytes, Integer.MAX_VALUE, failAfterBytes, Map.of());
    }

    static TestBody withTrailers(byte[] bytes, Map<String, String> trailers) {
        return new TestBody(bytes, Integer.MAX_VALUE, Long.MAX_VALUE, trailers);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (position >= failAfterBytes) {
            throw new IOException("connection reset by peer (test)");
        }
        if (position >= bytes.length) {
            return -1;
        }
        long allowed = Math.min(Math.min(length, maxReadBytes), failAfterBytes - position);
        int count = (int) Math.min(allowed, bytes.length - position);
        System.arraycopy(bytes, position, buffer, offset, count);
        position += count;
        return count;
    }

    @Override
    public Map<String, String> trailers() {
        return trailers;
    }
}
