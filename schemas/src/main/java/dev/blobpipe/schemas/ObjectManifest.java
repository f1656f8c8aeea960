package dev.blobpipe.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * The description of a complete upload, carried by its commit record: where it goes, what it must hash to, and its
 * version. The archiver refuses to publish an object whose assembled bytes do not match it.
 */
public record ObjectManifest(
        String bucket,
        String key,
        VersionId versionId,
        long sizeBytes,
        long chunkCount,
        String md5Hex,
        String sha256Hex,
        Instant lastModified,
        ObjectMetadata metadata) {

    public ObjectManifest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(metadata, "metadata");
        Hex.requireHex(md5Hex, 32, "md5Hex");
        Hex.requireHex(sha256Hex, 64, "sha256Hex");
        if (sizeBytes < 0 || chunkCount < 0) {
            throw new IllegalArgumentException("negative size or chunk count");
        }
    }

    /** The S3 ETag of a single-part object: the quoted hex MD5. */
    public String etag() {
        return '"' + md5Hex + '"';
    }
}
