package dev.blobpipe.ingest.upload;

import dev.blobpipe.schemas.ObjectManifest;
import java.util.Objects;

/** The stored result: manifest (etag, version id, size, checksums in metadata().checksums()). */
public record UploadResult(ObjectManifest manifest) {
    public UploadResult {
        Objects.requireNonNull(manifest, "manifest");
    }
}
