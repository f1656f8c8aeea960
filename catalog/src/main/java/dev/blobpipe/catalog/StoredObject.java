package dev.blobpipe.catalog;

import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import java.util.Objects;

/** The live version of a key: what it is (manifest) and where its bytes are (location). */
public record StoredObject(ObjectManifest manifest, ObjectLocation location) {
    public StoredObject {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(location, "location");
    }
}
