package dev.blobpipe.catalog.internal;

import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The columns of one {@code multipart_parts} row, as bound by {@link MultipartDao}: one part upload's manifest fields
 * and location. The arrays are key, value pairs (see {@link MetadataColumns}).
 */
public record PartRow(
        String uploadId,
        int partNumber,
        String versionId,
        String bucket,
        String key,
        long sizeBytes,
        long chunkCount,
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
        String blobName,
        long blobOffset,
        long blobLength) {

    /** The row of a committed part upload; its manifest's {@code partOf} must be set. */
    public static PartRow of(ObjectEvent.ObjectCommitted event) {
        ObjectManifest manifest = event.manifest();
        if (manifest.partOf() == null) {
            throw new IllegalArgumentException("not a part: " + manifest);
        }
        ObjectMetadata metadata = manifest.metadata();
        ObjectLocation location = event.location();
        return new PartRow(manifest.partOf().multipartUploadId().value(), manifest.partOf().partNumber(),
                manifest.versionId().toString(), manifest.bucket(), manifest.key(), manifest.sizeBytes(),
                manifest.chunkCount(), manifest.md5Hex(), manifest.sha256Hex(),
                // as for objects: PostgreSQL keeps microseconds, truncating keeps reads equal to writes
                manifest.lastModified().truncatedTo(ChronoUnit.MICROS), metadata.contentType(),
                metadata.contentEncoding(), metadata.contentDisposition(), metadata.cacheControl(),
                metadata.expires(), MetadataColumns.toPairs(metadata.userMetadata()),
                MetadataColumns.toPairs(metadata.checksums()), location.blobName(), location.offset(),
                location.lengthBytes());
    }
}
