package dev.blobpipe.compactor.testing;

import dev.blobpipe.blobstore.AppendableBlob;
import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.blobstore.BlobStore;
import dev.blobpipe.blobstore.pack.PackFrame;
import dev.blobpipe.catalog.testing.Events;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes real pack segments as the archiver would (frames of known payloads, synced) and the commit events that
 * reference them, so tests can check that bytes read back identical after compaction.
 */
public final class PackedObjects {
    private static final String MD5 = "0123456789abcdef0123456789abcdef";
    private static final String SHA256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private PackedObjects() {
    }

    /** Packs one object per key into a new segment {@code segments/<segmentId>}; returns their commit events. */
    public static List<ObjectEvent.ObjectCommitted> pack(BlobStore blobs, String segmentId, String bucket,
            List<String> keys) throws IOException {
        List<ObjectEvent.ObjectCommitted> events = new ArrayList<>();
        try (AppendableBlob segment = blobs.createAppendable(BlobNames.segment(segmentId))) {
            for (String key : keys) {
                VersionId version = Events.nextVersion();
                ByteBuffer payload = ByteBuffer.wrap(payload(key, version));
                ByteBuffer header = PackFrame.of(version.toString(), bucket, key, payload).header();
                int headerBytes = header.remaining();
                long start = segment.append(header, payload);
                var location = new ObjectLocation(segment.name(), start + headerBytes, payload.remaining());
                events.add(committed(bucket, key, version, location));
            }
            segment.sync();
        }
        return events;
    }

    /** The bytes of {@code key}'s object at {@code version}: a few KiB, different for every version. */
    public static byte[] payload(String key, VersionId version) {
        return (key + "@" + version + "\n").repeat(50).getBytes(StandardCharsets.UTF_8);
    }

    /** An object committed at {@code location} with the size of its payload. */
    public static ObjectEvent.ObjectCommitted committed(String bucket, String key, VersionId version,
            ObjectLocation location) {
        var metadata = new ObjectMetadata("text/plain", null, null, null, null, Map.of(), Map.of());
        var manifest = new ObjectManifest(bucket, key, version, location.lengthBytes(), 1, MD5, SHA256,
                Instant.ofEpochMilli(version.physicalMillis()), metadata);
        return new ObjectEvent.ObjectCommitted(UploadId.random(), manifest, location);
    }
}
