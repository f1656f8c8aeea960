package dev.blobpipe.ingest.auth;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/**
 * Bytes that did not come from a client as an upload body: no framing, no signatures, no trailers (a stored object
 * copied by UploadPartCopy, an inventory file written by the server). Closing it closes the stream.
 */
public final class PlainBody extends DecodedBody {
    private final InputStream in;

    public PlainBody(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    @Override
    public Map<String, String> trailers() {
        return Map.of();
    }

    @Override
    public int read() throws IOException {
        return in.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return in.read(buffer, offset, length);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
