package dev.blobpipe.catalog.internal;

import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.VersionId;

/**
 * The version a key holds and, if live, its ETag and where its bytes are: {@code location} for an object uploaded
 * whole, or {@code partCount} extents (in {@code object_extents}) for a multipart object. {@code tagsVersion} is the
 * version of the tag set that gave the current tags, null while they are the upload's.
 */
record CurrentVersion(VersionId versionId, boolean deleted, String md5Hex, ObjectLocation location, int partCount,
        VersionId tagsVersion) {
    /** The live version's S3 ETag ("md5" or "md5-N"), null for a tombstone. */
    String etag() {
        if (deleted) {
            return null;
        }
        return '"' + md5Hex + (partCount > 0 ? "-" + partCount : "") + '"';
    }
}
