package dev.blobpipe.blobstore;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A blob that grows by appends under its final name (a pack segment): bytes once appended never change, so readers
 * may read any range below {@link #sizeBytes()} while appends go on. Nothing appended is durable before
 * {@link #sync()}. Used by one thread at a time; closing twice is safe.
 */
public interface AppendableBlob extends AutoCloseable {

    /** Appends every remaining byte of {@code buffers}, in order; returns the offset where the first one starts. */
    long append(ByteBuffer... buffers) throws IOException;

    /** Forces everything appended so far (and, the first time, the blob's directory entry) to stable storage. */
    void sync() throws IOException;

    long sizeBytes();

    String name();

    @Override
    void close() throws IOException;
}
