package dev.blobpipe.ingest.s3;

import dev.blobpipe.blobstore.BlobStore;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;

/**
 * A byte range of an object as one stream, read blob slice by blob slice: only one blob is open at a time, opened
 * when the previous one is used up, so a 10,000-part object costs one open stream, not 10,000. A blob that ends
 * early is an EOFException (the catalog promised its length). Owned by one request thread.
 */
final class ObjectBytes extends InputStream {
    private final BlobStore blobs;
    private final Iterator<BlobSlice> slices;
    private BlobSlice slice;
    private InputStream current;
    private long remainingInSlice;
    private boolean closed;

    ObjectBytes(BlobStore blobs, List<BlobSlice> slices) {
        this.blobs = blobs;
        this.slices = List.copyOf(slices).iterator();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (length == 0) {
            return 0;
        }
        while (remainingInSlice == 0) {
            closeCurrent();
            if (!slices.hasNext()) {
                return -1;
            }
            slice = slices.next();
            current = blobs.openRead(slice.blobName(), slice.offset(), slice.length());
            remainingInSlice = slice.length();
        }
        int n = current.read(buffer, offset, (int) Math.min(length, remainingInSlice));
        if (n < 0) {
            throw new EOFException("blob " + slice.blobName() + " ended " + remainingInSlice + " bytes early");
        }
        remainingInSlice -= n;
        return n;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        closeCurrent();
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            InputStream toClose = current;
            current = null;
            toClose.close();
        }
    }
}
