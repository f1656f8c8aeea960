package dev.blobpipe.catalog;

import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import java.time.Instant;
import java.util.Objects;

/** An open multipart upload: created, neither completed nor aborted yet. */
public record MultipartUpload(UploadId uploadId, String bucket, String key, VersionId versionId, Instant initiatedAt,
        ObjectMetadata metadata) {
    public MultipartUpload {
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(initiatedAt, "initiatedAt");
        Objects.requireNonNull(metadata, "metadata");
    }
}
