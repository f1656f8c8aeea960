package dev.blobpipe.blobstore;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A blob being assembled: positional writes, then {@link BlobStore#publish}. Closing twice is safe. */
public interface StagingBlob extends AutoCloseable {

    /** Writes all remaining bytes of {@code data} at {@code position}. */
    void write(long position, ByteBuffer data) throws IOException;

    /** Drops everything past {@code sizeBytes} (a replay of a shorter upload under the same name). */
    void truncate(long sizeBytes) throws IOException;

    /** Forces written bytes to stable storage. */
    void sync() throws IOException;

    String name();

    @Override
    void close() throws IOException;
}
