package dev.blobpipe.catalog;

import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectLocation;
import java.util.Objects;

/**
 * The newest upload of one part number of an open multipart upload: its manifest (size, MD5 = ETag, SHA-256,
 * checksums, last modified, version) and where its bytes are.
 */
public record PartInfo(int partNumber, ObjectManifest manifest, ObjectLocation location) {
    public PartInfo {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(location, "location");
        if (manifest.partOf() == null || manifest.partOf().partNumber() != partNumber) {
            throw new IllegalArgumentException("manifest is not of part " + partNumber);
        }
    }
}
