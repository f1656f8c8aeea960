package dev.blobpipe.catalog;

import dev.blobpipe.schemas.Extent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import java.util.List;
import java.util.Objects;

/**
 * The live version of a key: what it is (manifest) and where its bytes are — one location for an object uploaded
 * whole, or the parts' extents in order for a completed multipart upload (then {@code location} is null).
 */
public record StoredObject(ObjectManifest manifest, ObjectLocation location, List<Extent> extents) {
    public StoredObject {
        Objects.requireNonNull(manifest, "manifest");
        extents = List.copyOf(extents);
        if ((location == null) == extents.isEmpty()) {
            throw new IllegalArgumentException("an object has either one location or its parts' extents");
        }
    }

    /** An object uploaded whole. */
    public StoredObject(ObjectManifest manifest, ObjectLocation location) {
        this(manifest, Objects.requireNonNull(location, "location"), List.of());
    }

    /** Where the object's bytes are, in order. */
    public List<ObjectLocation> locations() {
        return location != null ? List.of(location) : extents.stream().map(Extent::location).toList();
    }
}
