package dev.blobpipe.catalog;

import dev.blobpipe.schemas.Extent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The live version of a key: what it is (manifest) and where its bytes are — one location for an object uploaded
 * whole, or the parts' extents in order for a completed multipart upload (then {@code location} is null).
 * {@code partChecksums} holds, by part number, the checksums each chosen part was uploaded with ({ALG: base64}, as in
 * a part's {@code ObjectMetadata.checksums()}); a part without any is absent, and so are all parts of a copy (the
 * catalog keeps per-part checksums only for the object the completion itself made).
 */
public record StoredObject(ObjectManifest manifest, ObjectLocation location, List<Extent> extents,
        Map<Integer, Map<String, String>> partChecksums) {
    public StoredObject {
        Objects.requireNonNull(manifest, "manifest");
        extents = List.copyOf(extents);
        if ((location == null) == extents.isEmpty()) {
            throw new IllegalArgumentException("an object has either one location or its parts' extents");
        }
        Map<Integer, Map<String, String>> copied = new HashMap<>();
        partChecksums.forEach((partNumber, checksums) -> copied.put(partNumber, Map.copyOf(checksums)));
        partChecksums = Map.copyOf(copied);
    }

    /** An object whose parts (if any) keep no checksums of their own. */
    public StoredObject(ObjectManifest manifest, ObjectLocation location, List<Extent> extents) {
        this(manifest, location, extents, Map.of());
    }

    /** An object uploaded whole. */
    public StoredObject(ObjectManifest manifest, ObjectLocation location) {
        this(manifest, Objects.requireNonNull(location, "location"), List.of());
    }

    /** Where the object's bytes are, in order. */
    public List<ObjectLocation> locations() {
        return location != null ? List.of(location) : extents.stream().map(Extent::location).toList();
    }

    /** The checksums part {@code partNumber} was uploaded with; empty when it has none or the catalog kept none. */
    public Map<String, String> checksumsOfPart(int partNumber) {
        return partChecksums.getOrDefault(partNumber, Map.of());
    }
}
