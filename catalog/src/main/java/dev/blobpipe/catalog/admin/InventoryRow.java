package dev.blobpipe.catalog.admin;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One live object as the Parquet inventory holds it. {@code etag} is S3's ETag without the quotes;
 * {@code storageLocation} says where the bytes are: {@code <blob>@<offset>+<length>} for an object uploaded whole,
 * {@code extents:<n>} for a multipart object made of n parts' blobs. {@code contentType} may be null.
 */
public record InventoryRow(String bucket, String key, String versionId, long sizeBytes, String etag,
        String contentType, Instant lastModified, String storageLocation, Map<String, String> userMetadata) {
    public InventoryRow {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(storageLocation, "storageLocation");
        userMetadata = Map.copyOf(userMetadata);
    }

    /** The location text of an object uploaded whole. */
    public static String blobLocation(String blobName, long offset, long length) {
        return blobName + "@" + offset + "+" + length;
    }

    /** The location text of a multipart object. */
    public static String extentsLocation(int extentCount) {
        return "extents:" + extentCount;
    }
}
