package dev.blobpipe.ingest.upload;

import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.PartOf;
import dev.blobpipe.schemas.WriteCondition;
import java.util.Objects;

/**
 * One PutObject or UploadPart as the front end parsed it; contentLength is the decoded body length (-1 if unknown).
 * {@code contentMd5Base64} and {@code checksum} are null when the client sent none. {@code metadata().checksums()} is
 * ignored: the stored checksums are the ones the uploader verified. {@code partOf} is null for a whole object and
 * names the multipart upload and part number for an UploadPart. {@code condition} (null: none) is a PutObject's
 * If-None-Match / If-Match, decided by the indexer; {@code metadata().tags()} are the x-amz-tagging tags.
 * {@code acknowledgement} says when the upload answers; DURABLE only for a PutObject without condition, since a part's
 * and a condition's answer is the indexer's decision.
 */
public record UploadRequest(String bucket, String key, long contentLength, ObjectMetadata metadata,
        String contentMd5Base64, ExpectedChecksum checksum, PartOf partOf, WriteCondition condition,
        Acknowledgement acknowledgement) {
    public UploadRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(acknowledgement, "acknowledgement");
        if (contentLength < -1) {
            throw new IllegalArgumentException("contentLength must be -1 (unknown) or more: " + contentLength);
        }
        if (condition != null && partOf != null) {
            throw new IllegalArgumentException("a part carries no write condition");
        }
        if (acknowledgement == Acknowledgement.DURABLE && (partOf != null || condition != null)) {
            throw new IllegalArgumentException("only a PutObject without condition may answer before the indexer");
        }
    }

    /** Answered once visible. */
    public UploadRequest(String bucket, String key, long contentLength, ObjectMetadata metadata,
            String contentMd5Base64, ExpectedChecksum checksum, PartOf partOf, WriteCondition condition) {
        this(bucket, key, contentLength, metadata, contentMd5Base64, checksum, partOf, condition,
                Acknowledgement.VISIBLE);
    }

    /** An UploadPart, or a PutObject without condition. */
    public UploadRequest(String bucket, String key, long contentLength, ObjectMetadata metadata,
            String contentMd5Base64, ExpectedChecksum checksum, PartOf partOf) {
        this(bucket, key, contentLength, metadata, contentMd5Base64, checksum, partOf, null, Acknowledgement.VISIBLE);
    }

    /** A PutObject: the body becomes a whole object. */
    public UploadRequest(String bucket, String key, long contentLength, ObjectMetadata metadata,
            String contentMd5Base64, ExpectedChecksum checksum) {
        this(bucket, key, contentLength, metadata, contentMd5Base64, checksum, null, null, Acknowledgement.VISIBLE);
    }
}
