package dev.blobpipe.ingest.upload;

import dev.blobpipe.schemas.ObjectMetadata;
import java.util.Objects;

/**
 * One PutObject as the front end parsed it; contentLength is the decoded body length (-1 if unknown).
 * {@code contentMd5Base64} and {@code checksum} are null when the client sent none. {@code metadata().checksums()} is
 * ignored: the stored checksums are the ones the uploader verified.
 */
public record UploadRequest(String bucket, String key, long contentLength, ObjectMetadata metadata,
        String contentMd5Base64, ExpectedChecksum checksum) {
    public UploadRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(metadata, "metadata");
        if (contentLength < -1) {
            throw new IllegalArgumentException("contentLength must be -1 (unknown) or more: " + contentLength);
        }
    }
}
