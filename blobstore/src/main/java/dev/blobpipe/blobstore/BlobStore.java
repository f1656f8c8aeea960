package dev.blobpipe.blobstore;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where object bytes live. Blobs are written once through a {@link StagingBlob}, then {@linkplain #publish published}
 * under a final name, after which they never change until deleted. Names are relative, slash-separated, made of
 * {@code [A-Za-z0-9._-]} segments (see {@link BlobNames}).
 *
 * <p>Implementations are thread-safe; each StagingBlob is used by one thread at a time.
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Opens a staging blob for writing, creating it if absent. Writes are positional, so replaying a chunk writes the
     * same bytes at the same place: an archiver that restarts from an earlier offset needs no cleanup first.
     */
    StagingBlob openStaging(String name) throws IOException;

    /**
     * Makes the staging blob durable and atomically visible under {@code finalName}, replacing any blob of that name
     * (deterministic names mean a replay publishes identical bytes). The staging name is gone afterwards.
     */
    void publish(String stagingName, String finalName) throws IOException;

    /**
     * Creates a new blob that grows by appends under its final name (a pack segment); fails if the name exists, so a
     * restarted writer can never append after a predecessor's torn tail.
     */
    AppendableBlob createAppendable(String name) throws IOException;

    /** Streams {@code length} bytes of a published blob (or of what an appendable blob has so far) from {@code offset}. */
    InputStream openRead(String name, long offset, long length) throws IOException;

    /**
     * The blobs whose names start with {@code prefix} (a directory-like prefix such as {@code "segments/"}), in name
     * order. Meant for the few thousand pack segments, not for every object.
     */
    List<BlobInfo> list(String prefix) throws IOException;

    /** Size of a blob, or -1 if absent. */
    long size(String name) throws IOException;

    /** Deletes a blob if present; deleting a missing blob is not an error. */
    void delete(String name) throws IOException;

    @Override
    void close() throws IOException;
}
