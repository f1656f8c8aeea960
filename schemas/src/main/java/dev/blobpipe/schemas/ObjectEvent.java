package dev.blobpipe.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A record on blobpipe.events. The catalog is a function of these: replaying the topic into an empty database gives
 * the same rows. Every event carries the version it creates; the catalog keeps the highest version per name.
 */
public sealed interface ObjectEvent
        permits ObjectEvent.ObjectCommitted, ObjectEvent.ObjectDeleted, ObjectEvent.BucketCreated,
        ObjectEvent.BucketDeleted, ObjectEvent.MultipartStarted, ObjectEvent.MultipartCompleted,
        ObjectEvent.MultipartAborted, ObjectEvent.ObjectCopied, ObjectEvent.BucketCorsSet, ObjectEvent.ObjectTagsSet,
        ObjectEvent.ObjectMoved, ObjectEvent.BucketLifecycleSet, ObjectEvent.ObjectExpired {

    String bucket();

    VersionId versionId();

    /**
     * A new object version is stored, immutable, at its location; published by the archiver. When the manifest's
     * {@code partOf} is set, it is a part of a multipart upload instead (the newest version per part number counts).
     */
    record ObjectCommitted(UploadId uploadId, ObjectManifest manifest, ObjectLocation location) implements ObjectEvent {
        public ObjectCommitted {
            Objects.requireNonNull(uploadId, "uploadId");
            Objects.requireNonNull(manifest, "manifest");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String bucket() {
            return manifest.bucket();
        }

        @Override
        public VersionId versionId() {
            return manifest.versionId();
        }
    }

    /** The key was deleted at this version: a tombstone that older, late events cannot overwrite. */
    record ObjectDeleted(String bucket, String key, VersionId versionId, Instant deletedAt) implements ObjectEvent {
        public ObjectDeleted {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(versionId, "versionId");
            Objects.requireNonNull(deletedAt, "deletedAt");
        }
    }

    /** A bucket was created. */
    record BucketCreated(String bucket, VersionId versionId, Instant createdAt, String region) implements ObjectEvent {
        public BucketCreated {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(versionId, "versionId");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(region, "region");
        }
    }

    /** A bucket was deleted; the indexer applies it only if the bucket holds no live object. */
    record BucketDeleted(String bucket, VersionId versionId) implements ObjectEvent {
        public BucketDeleted {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(versionId, "versionId");
        }
    }

    /** A multipart upload was created; its parts arrive as ObjectCommitted events with {@code partOf} set. */
    record MultipartStarted(UploadId multipartUploadId, String bucket, String key, VersionId versionId,
            Instant initiatedAt, ObjectMetadata metadata) implements ObjectEvent {
        public MultipartStarted {
            Objects.requireNonNull(multipartUploadId, "multipartUploadId");
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(versionId, "versionId");
            Objects.requireNonNull(initiatedAt, "initiatedAt");
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /**
     * A multipart upload became an object: the manifest (with {@code partCount}) is the object's, the extents are the
     * chosen parts' blobs in order, referenced in place (no byte is copied). The indexer applies it only if the upload
     * is still open and every extent is still its part's newest location; otherwise the outcome is REJECTED.
     */
    record MultipartCompleted(UploadId multipartUploadId, ObjectManifest manifest, List<Extent> extents)
            implements ObjectEvent {
        public MultipartCompleted {
            Objects.requireNonNull(multipartUploadId, "multipartUploadId");
            Objects.requireNonNull(manifest, "manifest");
            extents = List.copyOf(extents);
            if (extents.isEmpty() || extents.size() != manifest.partCount()) {
                throw new IllegalArgumentException("a completed upload needs one extent per part");
            }
        }

        @Override
        public String bucket() {
            return manifest.bucket();
        }

        @Override
        public VersionId versionId() {
            return manifest.versionId();
        }
    }

    /** A multipart upload was aborted: it and its parts are gone (their blobs become garbage). */
    record MultipartAborted(UploadId multipartUploadId, String bucket, String key, VersionId versionId)
            implements ObjectEvent {
        public MultipartAborted {
            Objects.requireNonNull(multipartUploadId, "multipartUploadId");
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(versionId, "versionId");
        }
    }

    /**
     * A new object version whose bytes are an existing object's, referenced in place (CopyObject copies no byte):
     * either one location or the source's extents. Blobs may therefore be shared by several versions; whoever
     * deletes blobs must check that no live version still references them.
     */
    record ObjectCopied(ObjectManifest manifest, ObjectLocation location, List<Extent> extents)
            implements ObjectEvent {
        public ObjectCopied {
            Objects.requireNonNull(manifest, "manifest");
            extents = List.copyOf(extents);
            if ((location == null) == extents.isEmpty()) {
                throw new IllegalArgumentException("a copy has either one location or its source's extents");
            }
        }

        @Override
        public String bucket() {
            return manifest.bucket();
        }

        @Override
        public VersionId versionId() {
            return manifest.versionId();
        }
    }

    /** The bucket's CORS configuration is now {@code rules} (empty: deleted); the newest version wins. */
    record BucketCorsSet(String bucket, VersionId versionId, List<CorsRule> rules) implements ObjectEvent {
        public BucketCorsSet {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(versionId, "versionId");
            rules = List.copyOf(rules);
        }
    }

    /**
     * The tags of object version {@code objectVersion} are now {@code tags} (empty: deleted). Applied only while that
     * version is the key's live one (else REJECTED: it was overwritten or deleted meanwhile); the newest tag version
     * wins.
     */
    record ObjectTagsSet(String bucket, String key, VersionId objectVersion, VersionId versionId,
            java.util.Map<String, String> tags) implements ObjectEvent {
        public ObjectTagsSet {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(objectVersion, "objectVersion");
            Objects.requireNonNull(versionId, "versionId");
            tags = java.util.Map.copyOf(tags);
        }
    }

    /**
     * The compactor copied the bytes at {@code from} (verified against their CRC32C) to {@code to}: every live object
     * version and extent whose location is exactly {@code from} now reads {@code to}. Compare-and-set by location, so
     * an overwrite or delete applied first wins and the move changes nothing (REJECTED: {@code to} is garbage).
     * {@code bucket} and {@code key} name the object the compactor found at {@code from} (copies may share the range
     * across keys and buckets, and they move too); {@code from} is recorded dead under this event's version, so it
     * is deleted only after the grace period that lets reads already in flight finish.
     */
    record ObjectMoved(String bucket, String key, VersionId versionId, ObjectLocation from, ObjectLocation to)
            implements ObjectEvent {
        public ObjectMoved {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(versionId, "versionId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (from.lengthBytes() != to.lengthBytes()) {
                throw new IllegalArgumentException("a move keeps the length: " + from + " to " + to);
            }
        }
    }

    /** The bucket's lifecycle configuration is now {@code rules} (empty: deleted); the newest version wins. */
    record BucketLifecycleSet(String bucket, VersionId versionId, List<LifecycleRule> rules) implements ObjectEvent {
        public BucketLifecycleSet {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(versionId, "versionId");
            rules = List.copyOf(rules);
        }
    }

    /**
     * A lifecycle rule expired object version {@code expiredVersion}: a delete at {@code versionId}, published by the
     * compactor, that the indexer applies (as {@link ObjectDeleted}) only if {@code expiredVersion} is still the key's
     * live version, else REJECTED. So an overwrite applied between the compactor's query and this event is never
     * deleted by it.
     */
    record ObjectExpired(String bucket, String key, VersionId versionId, VersionId expiredVersion, Instant at)
            implements ObjectEvent {
        public ObjectExpired {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(versionId, "versionId");
            Objects.requireNonNull(expiredVersion, "expiredVersion");
            Objects.requireNonNull(at, "at");
            if (!versionId.isAfter(expiredVersion)) {
                throw new IllegalArgumentException("an expiry must sort after the version it expires");
            }
        }
    }
}
