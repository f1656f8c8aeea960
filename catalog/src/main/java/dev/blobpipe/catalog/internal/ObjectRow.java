package dev.blobpipe.catalog.internal;

import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The columns of one {@code objects} row, as bound by {@link ObjectDao}: a live version or a tombstone (deleted, with
 * every descriptive and location column null). The arrays are key, value pairs (see {@link MetadataColumns}). A
 * completed multipart object has {@code partCount > 0} and null blob columns: its bytes are its extents. A new version
 * starts with the tags of its manifest (given at upload); tag sets change them later on the row alone.
 */
public record ObjectRow(
        String bucket,
        String key,
        String versionId,
        boolean deleted,
        String uploadId,
        Long sizeBytes,
        Long chunkCount,
        String md5Hex,
        String sha256Hex,
        Instant lastModified,
        String contentType,
        String contentEncoding,
        String contentDisposition,
        String cacheControl,
        String expires,
        String[] userMetadata,
        String[] checksums,
        String[] tags,
        String blobName,
        Long blobOffset,
        Long blobLength,
        int partCount) {

    public static ObjectRow committed(ObjectEvent.ObjectCommitted event) {
        ObjectManifest manifest = event.manifest();
        ObjectMetadata metadata = manifest.metadata();
        ObjectLocation location = event.location();
        return new ObjectRow(manifest.bucket(), manifest.key(), manifest.versionId().toString(), false,
                event.uploadId().value(), manifest.sizeBytes(), manifest.chunkCount(), manifest.md5Hex(),
                manifest.sha256Hex(),
                // PostgreSQL keeps microseconds and would round the rest; truncating keeps reads equal to writes
                manifest.lastModified().truncatedTo(ChronoUnit.MICROS),
                metadata.contentType(), metadata.contentEncoding(), metadata.contentDisposition(),
                metadata.cacheControl(), metadata.expires(), MetadataColumns.toPairs(metadata.userMetadata()),
                MetadataColumns.toPairs(metadata.checksums()), MetadataColumns.toPairs(metadata.tags()),
                location.blobName(), location.offset(), location.lengthBytes(), 0);
    }

    /** The row of a completed multipart object; its bytes are the event's extents, stored beside it. */
    public static ObjectRow completed(ObjectEvent.MultipartCompleted event) {
        ObjectManifest manifest = event.manifest();
        ObjectMetadata metadata = manifest.metadata();
        return new ObjectRow(manifest.bucket(), manifest.key(), manifest.versionId().toString(), false,
                event.multipartUploadId().value(), manifest.sizeBytes(), manifest.chunkCount(), manifest.md5Hex(),
                manifest.sha256Hex(), manifest.lastModified().truncatedTo(ChronoUnit.MICROS),
                metadata.contentType(), metadata.contentEncoding(), metadata.contentDisposition(),
                metadata.cacheControl(), metadata.expires(), MetadataColumns.toPairs(metadata.userMetadata()),
                MetadataColumns.toPairs(metadata.checksums()), MetadataColumns.toPairs(metadata.tags()), null, null,
                null, manifest.partCount());
    }

    /**
     * The row of a copy: the source's bytes in place, either one location or the source's extents (then
     * {@code partCount} is the manifest's, and the extents are stored beside the row).
     */
    public static ObjectRow copied(ObjectEvent.ObjectCopied event) {
        ObjectManifest manifest = event.manifest();
        ObjectMetadata metadata = manifest.metadata();
        ObjectLocation location = event.location();
        return new ObjectRow(manifest.bucket(), manifest.key(), manifest.versionId().toString(), false, null,
                manifest.sizeBytes(), manifest.chunkCount(), manifest.md5Hex(), manifest.sha256Hex(),
                manifest.lastModified().truncatedTo(ChronoUnit.MICROS), metadata.contentType(),
                metadata.contentEncoding(), metadata.contentDisposition(), metadata.cacheControl(),
                metadata.expires(), MetadataColumns.toPairs(metadata.userMetadata()),
                MetadataColumns.toPairs(metadata.checksums()), MetadataColumns.toPairs(metadata.tags()),
                location == null ? null : location.blobName(), location == null ? null : location.offset(),
                location == null ? null : location.lengthBytes(), location == null ? event.extents().size() : 0);
    }

    public static ObjectRow deleted(ObjectEvent.ObjectDeleted event) {
        return new ObjectRow(event.bucket(), event.key(), event.versionId().toString(), true, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, 0);
    }

    /** The tombstone an applied expiry leaves, as a delete at the expiry's version would. */
    public static ObjectRow expired(ObjectEvent.ObjectExpired event) {
        return deleted(new ObjectEvent.ObjectDeleted(event.bucket(), event.key(), event.versionId(), event.at()));
    }
}
