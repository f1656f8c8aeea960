package dev.blobpipe.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * A record on blobpipe.events. The catalog is a function of these: replaying the topic into an empty database gives
 * the same rows. Every event carries the version it creates; the catalog keeps the highest version per name.
 */
public sealed interface ObjectEvent
        permits ObjectEvent.ObjectCommitted, ObjectEvent.ObjectDeleted, ObjectEvent.BucketCreated,
        ObjectEvent.BucketDeleted {

    String bucket();

    VersionId versionId();

    /** A new object version is stored, immutable, at its location; published by the archiver. */
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
}
