package dev.blobpipe.schemas;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A record on blobpipe.chunks: an upload is chunks in sequence, then exactly one commit or abort; or, when the whole
 * body fits in one chunk, a single {@link CompleteUpload}.
 */
public sealed interface UploadRecord
        permits UploadRecord.Chunk, UploadRecord.Commit, UploadRecord.Abort, UploadRecord.CompleteUpload {
    UploadId uploadId();

    /** One slice of the body, at most one chunk long, with its sequence number, byte offset and CRC32C. */
    record Chunk(UploadId uploadId, long seq, long offset, int crc32c, ByteBuffer data) implements UploadRecord {
        public Chunk {
            Objects.requireNonNull(uploadId, "uploadId");
            Objects.requireNonNull(data, "data");
            if (seq < 0 || offset < 0) {
                throw new IllegalArgumentException("negative seq or offset");
            }
            data = data.asReadOnlyBuffer();
        }
    }

    /** The manifest that turns the upload into an object; follows the last chunk. */
    record Commit(UploadId uploadId, ObjectManifest manifest) implements UploadRecord {
        public Commit {
            Objects.requireNonNull(uploadId, "uploadId");
            Objects.requireNonNull(manifest, "manifest");
        }
    }

    /** The upload failed or was cancelled: its staging data is to be dropped. */
    record Abort(UploadId uploadId, String reason) implements UploadRecord {
        public Abort {
            Objects.requireNonNull(uploadId, "uploadId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A whole upload in one record: its only chunk (seq 0, byte 0, with its CRC32C) and the commit manifest, so a
     * small object costs one produce round trip instead of two. Readers treat it exactly as {@link #chunk()} followed
     * at once by {@link #commit()}; whether the manifest matches the data is theirs to verify, as for a commit.
     */
    record CompleteUpload(UploadId uploadId, int crc32c, ByteBuffer data, ObjectManifest manifest)
            implements UploadRecord {
        public CompleteUpload {
            Objects.requireNonNull(uploadId, "uploadId");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(manifest, "manifest");
            data = data.asReadOnlyBuffer();
        }

        /** The upload's only chunk, as it would have travelled alone. */
        public Chunk chunk() {
            return new Chunk(uploadId, 0, 0, crc32c, data);
        }

        /** The upload's commit, as it would have followed the chunk. */
        public Commit commit() {
            return new Commit(uploadId, manifest);
        }
    }
}
