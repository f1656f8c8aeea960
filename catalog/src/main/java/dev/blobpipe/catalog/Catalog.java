package dev.blobpipe.catalog;

import dev.blobpipe.schemas.CorsRule;
import dev.blobpipe.schemas.LifecycleRule;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import java.util.List;
import java.util.Optional;

/**
 * Read side of the catalog: what ingest-api asks before answering a request. Thread-safe. Writes happen only through
 * events applied by the {@code EventIndexer}.
 */
public interface Catalog {

    Optional<BucketInfo> bucket(String name);

    /** Live buckets by name. */
    List<BucketInfo> buckets();

    /** The live version of a key, or empty if it never existed or its newest version is a delete. */
    Optional<StoredObject> object(String bucket, String key);

    /** The newest version the catalog holds for a key, deletes included: a new version must sort after it. */
    Optional<VersionId> newestVersion(String bucket, String key);

    /**
     * The live bucket with the key's live and newest versions, read together (where the catalog can, in one query:
     * a request needs its bucket's answer and its key's, and NoSuchBucket wins over NoSuchKey). This default asks
     * {@link #bucket}, then {@link #object} and {@link #newestVersion}.
     */
    default ObjectInBucket objectInBucket(String bucket, String key) {
        Optional<BucketInfo> live = bucket(bucket);
        if (live.isEmpty()) {
            return ObjectInBucket.noBucket();
        }
        Optional<StoredObject> object = object(bucket, key);
        Optional<VersionId> newest = object.isPresent() ? Optional.of(object.get().manifest().versionId())
                : newestVersion(bucket, key);
        return new ObjectInBucket(live, object, newest);
    }

    /** The newest version of the bucket's own name (its create or delete). */
    Optional<VersionId> newestBucketVersion(String bucket);

    boolean hasLiveObjects(String bucket);

    ListPage list(ListRequest request);

    /** An open multipart upload of {@code bucket}, or empty if unknown, completed or aborted. */
    Optional<MultipartUpload> multipartUpload(String bucket, UploadId uploadId);

    /**
     * The version of the completion that closed multipart upload {@code uploadId} of {@code bucket} and {@code key}, or
     * empty if it is unknown, open or aborted. The version need not be live any more: compare with {@link #object}.
     * (How a repeated CompleteMultipartUpload, an SDK retry after a lost response, is recognised.)
     */
    Optional<VersionId> completionVersion(String bucket, String key, UploadId uploadId);

    /** The newest upload of each part number above {@code afterPartNumber}, by part number, at most {@code limit}. */
    List<PartInfo> parts(UploadId uploadId, int afterPartNumber, int limit);

    /**
     * Open multipart uploads of {@code bucket} whose key starts with {@code prefix}, ordered by key (bytes), then by
     * initiation time and upload id; starting after ({@code keyMarker}, {@code uploadIdMarker}) — after every upload of
     * {@code keyMarker} when {@code uploadIdMarker} is null — at most {@code limit}.
     */
    List<MultipartUpload> multipartUploads(String bucket, String prefix, String keyMarker, UploadId uploadIdMarker,
            int limit);

    /** The bucket's CORS rules, in the order they were given; empty when it has none. */
    List<CorsRule> corsRules(String bucket);

    /** The bucket's lifecycle rules, in the order they were given; empty when it has no configuration. */
    List<LifecycleRule> lifecycleRules(String bucket);
}
