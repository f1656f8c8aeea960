package dev.blobpipe.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * The description of a complete upload, carried by its commit record: where it goes, what it must hash to, and its
 * version. The archiver refuses to publish an object whose assembled bytes do not match it.
 *
 * <p>{@code partOf} is set when the upload is one part of a multipart upload (then {@code bucket}/{@code key} name the
 * object the part is for). {@code partCount} is 0 except for the manifest of a completed multipart object, whose
 * {@code md5Hex} is the MD5 of its parts' binary MD5s and {@code sha256Hex} the SHA-256 of its parts' binary
 * SHA-256s (the composite digests S3's multipart ETag is built from), not digests of the whole content.
 * {@code condition} (nullable) is the write's precondition on the key's current version, decided by the indexer.
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
        ObjectMetadata metadata,
        PartOf partOf,
        int partCount,
        WriteCondition condition) {

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
        if (partCount < 0 || partCount > PartOf.MAX_PART_NUMBER || (partCount > 0 && partOf != null)) {
            throw new IllegalArgumentException("bad part count " + partCount + " for partOf " + partOf);
        }
    }

    /** The manifest of a single upload that is a whole object (no multipart involved). */
    public ObjectManifest(String bucket, String key, VersionId versionId, long sizeBytes, long chunkCount,
            String md5Hex, String sha256Hex, Instant lastModified, ObjectMetadata metadata) {
        this(bucket, key, versionId, sizeBytes, chunkCount, md5Hex, sha256Hex, lastModified, metadata, null, 0, null);
    }

    /** A manifest without a write condition. */
    public ObjectManifest(String bucket, String key, VersionId versionId, long sizeBytes, long chunkCount,
            String md5Hex, String sha256Hex, Instant lastModified, ObjectMetadata metadata, PartOf partOf,
            int partCount) {
        this(bucket, key, versionId, sizeBytes, chunkCount, md5Hex, sha256Hex, lastModified, metadata, partOf,
                partCount, null);
    }

    /** The same manifest with another precondition. */
    public ObjectManifest withCondition(WriteCondition newCondition) {
        return new ObjectManifest(bucket, key, versionId, sizeBytes, chunkCount, md5Hex, sha256Hex, lastModified,
                metadata, partOf, partCount, newCondition);
    }

    /** Whether this is a completed multipart object. */
    public boolean isMultipart() {
        return partCount > 0;
    }

    /** The S3 ETag: the quoted hex MD5, with "-N" for a multipart object of N parts. */
    public String etag() {
        return etag(md5Hex, partCount);
    }

    /** S3's ETag, quoted: the MD5 in hex, for a multipart object the MD5 of its parts' MD5s and "-" part count. */
    public static String etag(String md5Hex, int partCount) {
        return '"' + md5Hex + (partCount > 0 ? "-" + partCount : "") + '"';
    }
}
