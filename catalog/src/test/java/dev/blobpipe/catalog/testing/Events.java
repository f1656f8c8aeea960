package dev.blobpipe.catalog.testing;

import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.schemas.CorsRule;
import dev.blobpipe.schemas.Extent;
import dev.blobpipe.schemas.LifecycleRule;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.PartOf;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import dev.blobpipe.schemas.WriteCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Builds events and objects for tests, with increasing version ids. */
public final class Events {
    private static final AtomicLong CLOCK = new AtomicLong(1_700_000_000_000L);
    private static final String MD5 = "0123456789abcdef0123456789abcdef";
    private static final String SHA256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private Events() {
    }

    /** A version id later than every one handed out before. */
    public static VersionId nextVersion() {
        return new VersionId(CLOCK.incrementAndGet(), 0, 7);
    }

    public static ObjectEvent.ObjectCommitted committed(String bucket, String key, VersionId version) {
        var metadata = new ObjectMetadata("text/plain", null, null, null, null, Map.of("owner", "tests"),
                Map.of("CRC32C", "AAAAAA=="));
        var manifest = new ObjectManifest(bucket, key, version, 11, 1, MD5, SHA256,
                Instant.ofEpochMilli(version.physicalMillis()), metadata);
        return new ObjectEvent.ObjectCommitted(UploadId.random(), manifest, location(version));
    }

    /**
     * An upload of {@code sizeBytes} bytes (its blob as long) with {@code contentType} and {@code userMetadata}, last
     * modified at the version's time.
     */
    public static ObjectEvent.ObjectCommitted committed(String bucket, String key, VersionId version, long sizeBytes,
            String contentType, Map<String, String> userMetadata) {
        var metadata = new ObjectMetadata(contentType, null, null, null, null, userMetadata, Map.of());
        var manifest = new ObjectManifest(bucket, key, version, sizeBytes, 1, MD5, SHA256,
                Instant.ofEpochMilli(version.physicalMillis()), metadata);
        return new ObjectEvent.ObjectCommitted(UploadId.random(), manifest,
                new ObjectLocation("blob-" + version, 0, sizeBytes));
    }

    /** An upload of {@code sizeBytes} bytes, plain text without user metadata. */
    public static ObjectEvent.ObjectCommitted committed(String bucket, String key, VersionId version, long sizeBytes) {
        return committed(bucket, key, version, sizeBytes, "text/plain", Map.of());
    }

    /** An upload carrying {@code condition}. */
    public static ObjectEvent.ObjectCommitted committed(String bucket, String key, VersionId version,
            WriteCondition condition) {
        var event = committed(bucket, key, version);
        return new ObjectEvent.ObjectCommitted(event.uploadId(), event.manifest().withCondition(condition),
                event.location());
    }

    /** An upload whose manifest carries upload tags (x-amz-tagging). */
    public static ObjectEvent.ObjectCommitted committed(String bucket, String key, VersionId version,
            Map<String, String> tags) {
        var event = committed(bucket, key, version);
        var manifest = event.manifest();
        return new ObjectEvent.ObjectCommitted(event.uploadId(), new ObjectManifest(bucket, key, version,
                manifest.sizeBytes(), manifest.chunkCount(), manifest.md5Hex(), manifest.sha256Hex(),
                manifest.lastModified(), manifest.metadata().withTags(tags)), event.location());
    }

    /** An upload last modified at {@code lastModified}, carrying upload tags {@code tags}. */
    public static ObjectEvent.ObjectCommitted committedAt(String bucket, String key, VersionId version,
            Instant lastModified, Map<String, String> tags) {
        var event = committed(bucket, key, version, tags);
        var manifest = event.manifest();
        return new ObjectEvent.ObjectCommitted(event.uploadId(), new ObjectManifest(bucket, key, version,
                manifest.sizeBytes(), manifest.chunkCount(), manifest.md5Hex(), manifest.sha256Hex(), lastModified,
                manifest.metadata()), event.location());
    }

    public static ObjectEvent.BucketLifecycleSet lifecycleSet(String bucket, VersionId version,
            LifecycleRule... rules) {
        return new ObjectEvent.BucketLifecycleSet(bucket, version, List.of(rules));
    }

    /** An enabled rule expiring objects under {@code prefix} after {@code days}. */
    public static LifecycleRule expireAfter(String id, String prefix, int days) {
        return new LifecycleRule(id, true, prefix, Map.of(), false, days, 0);
    }

    /** The compactor's expiry of {@code expiredVersion}, at a version just after it. */
    public static ObjectEvent.ObjectExpired expired(String bucket, String key, VersionId expiredVersion) {
        VersionId version = nextVersion();
        return new ObjectEvent.ObjectExpired(bucket, key, version, expiredVersion,
                Instant.ofEpochMilli(version.physicalMillis()));
    }

    /** The same completion carrying {@code condition}. */
    public static ObjectEvent.MultipartCompleted withCondition(ObjectEvent.MultipartCompleted completion,
            WriteCondition condition) {
        return new ObjectEvent.MultipartCompleted(completion.multipartUploadId(),
                completion.manifest().withCondition(condition), completion.extents());
    }

    /**
     * A copy of {@code source} to {@code bucket}/{@code key} as ingest builds it: the source's digests, part count,
     * metadata and bytes (location or extents), a new version, and {@code condition} (nullable).
     */
    public static ObjectEvent.ObjectCopied copied(StoredObject source, String bucket, String key, VersionId version,
            WriteCondition condition) {
        ObjectManifest from = source.manifest();
        var manifest = new ObjectManifest(bucket, key, version, from.sizeBytes(), from.chunkCount(), from.md5Hex(),
                from.sha256Hex(), Instant.ofEpochMilli(version.physicalMillis()), from.metadata(), null,
                from.partCount(), condition);
        return new ObjectEvent.ObjectCopied(manifest, source.location(), source.extents());
    }

    public static ObjectEvent.BucketCorsSet corsSet(String bucket, VersionId version, CorsRule... rules) {
        return new ObjectEvent.BucketCorsSet(bucket, version, List.of(rules));
    }

    /** A rule allowing GET and PUT from {@code origin}, with a header or two in each list. */
    public static CorsRule corsRule(String id, String origin) {
        return new CorsRule(id, List.of(origin), List.of("GET", "PUT"), List.of("x-amz-*", "content-type"),
                List.of("ETag"), 3000);
    }

    public static ObjectEvent.ObjectTagsSet tagsSet(String bucket, String key, VersionId objectVersion,
            VersionId version, Map<String, String> tags) {
        return new ObjectEvent.ObjectTagsSet(bucket, key, objectVersion, version, tags);
    }

    /** Each version's bytes at a blob of its own, so dead locations tell which version they were. */
    public static ObjectLocation location(VersionId version) {
        return new ObjectLocation("blob-" + version, 0, 11);
    }

    public static ObjectEvent.ObjectDeleted deleted(String bucket, String key, VersionId version) {
        return new ObjectEvent.ObjectDeleted(bucket, key, version, Instant.ofEpochMilli(version.physicalMillis()));
    }

    public static ObjectEvent.BucketCreated bucketCreated(String bucket, VersionId version) {
        return new ObjectEvent.BucketCreated(bucket, version, Instant.ofEpochMilli(version.physicalMillis()),
                "us-east-1");
    }

    public static ObjectEvent.MultipartStarted started(String bucket, String key, UploadId upload,
            VersionId version) {
        var metadata = new ObjectMetadata("video/mp4", null, "inline", null, null, Map.of("camera", "front"),
                Map.of());
        return new ObjectEvent.MultipartStarted(upload, bucket, key, version,
                Instant.ofEpochMilli(version.physicalMillis()), metadata);
    }

    /** An upload of part {@code partNumber}, at a blob of its own (see {@link #location}). */
    public static ObjectEvent.ObjectCommitted part(String bucket, String key, UploadId upload, int partNumber,
            VersionId version) {
        return part(bucket, key, upload, partNumber, version, Map.of("CRC32", "AAAAAA=="));
    }

    /** As {@link #part(String, String, UploadId, int, VersionId)}, uploaded with {@code checksums} ({ALG: base64}). */
    public static ObjectEvent.ObjectCommitted part(String bucket, String key, UploadId upload, int partNumber,
            VersionId version, Map<String, String> checksums) {
        var metadata = new ObjectMetadata(null, null, null, null, null, Map.of(), checksums);
        var manifest = new ObjectManifest(bucket, key, version, 11, 1, MD5, SHA256,
                Instant.ofEpochMilli(version.physicalMillis()), metadata, new PartOf(upload, partNumber), 0);
        return new ObjectEvent.ObjectCommitted(UploadId.random(), manifest, location(version));
    }

    /** The completion of an upload with the given parts, in the given order, as extents at their locations. */
    public static ObjectEvent.MultipartCompleted completed(String bucket, String key, UploadId upload,
            VersionId version, ObjectEvent.ObjectCommitted... parts) {
        List<Extent> extents = new ArrayList<>();
        long size = 0;
        for (ObjectEvent.ObjectCommitted part : parts) {
            extents.add(new Extent(part.manifest().partOf().partNumber(), part.location()));
            size += part.manifest().sizeBytes();
        }
        var manifest = new ObjectManifest(bucket, key, version, size, 0, MD5, SHA256,
                Instant.ofEpochMilli(version.physicalMillis()), started(bucket, key, upload, version).metadata(),
                null, extents.size());
        return new ObjectEvent.MultipartCompleted(upload, manifest, extents);
    }

    public static ObjectEvent.MultipartAborted aborted(String bucket, String key, UploadId upload,
            VersionId version) {
        return new ObjectEvent.MultipartAborted(upload, bucket, key, version);
    }

    public static StoredObject stored(String bucket, String key) {
        var event = committed(bucket, key, nextVersion());
        return new StoredObject(event.manifest(), event.location());
    }
}
