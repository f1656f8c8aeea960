package dev.blobpipe.ingest.s3;

import dev.blobpipe.blobstore.AppendableBlob;
import dev.blobpipe.blobstore.BlobInfo;
import dev.blobpipe.blobstore.BlobStore;
import dev.blobpipe.blobstore.StagingBlob;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Blobs in a map, read-only from the front door's point of view; can be told to fail a read midway. */
final class InMemoryBlobStore implements BlobStore {
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    /** When >= 0, reads throw after this many bytes. */
    volatile long failAfterBytes = -1;

    @Override
    public StagingBlob openStaging(String name) {
        throw new UnsupportedOperationException("the front door never writes blobs");
    }

    @Override
    public AppendableBlob createAppendable(String name) {
        throw new UnsupportedOperationException("the front door never writes blobs");
    }

    @Override
    public List<BlobInfo> list(String prefix) {
        throw new UnsupportedOperationException("the front door never lists blobs");
    }

    @Override
    public void publish(String stagingName, String finalName) {
        throw new UnsupportedOperationException("the front door never writes blobs");
    }

    @Override
    public InputStream openRead(String name, long offset, long length) throws IOException {
        byte[] blob = blobs.get(name);
        if (blob == null) {
            throw new java.nio.file.NoSuchFileException(name);
        }
        InputStream in = new ByteArrayInputStream(blob, (int) offset, (int) length);
        long failAfter = failAfterBytes;
        if (failAfter < 0) {
            return in;
        }
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                if (read >= failAfter) {
                    throw new IOException("disk gone");
                }
                int n = super.read(buffer, off, (int) Math.min(len, failAfter - read));
                read += Math.max(n, 0);
                return n;
            }
        };
    }

    @Override
    public long size(String name) {
        byte[] blob = blobs.get(name);
        return blob == null ? -1 : blob.length;
    }

    @Override
    public void delete(String name) {
        blobs.remove(name);
    }

    @Override
    public void close() {
    }
}
