package dev.blobpipe.schemas;

import java.nio.ByteBuffer;
import java.util.Objects;

/** A record on blobpipe.chunks: an upload is chunks in sequence, then exactly one commit or abort. */
public sealed interface UploadRecord permits UploadRecord.Chunk, UploadRecord.Commit, UploadRecord.Abort {
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
}
