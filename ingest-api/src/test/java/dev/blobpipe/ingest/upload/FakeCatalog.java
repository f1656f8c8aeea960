package dev.blobpipe.ingest.upload;

import dev.blobpipe.catalog.BucketInfo;
import dev.blobpipe.catalog.Catalog;
import dev.blobpipe.catalog.ListPage;
import dev.blobpipe.catalog.ListRequest;
import dev.blobpipe.catalog.MultipartUpload;
import dev.blobpipe.catalog.PartInfo;
import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.schemas.CorsRule;
import dev.blobpipe.schemas.LifecycleRule;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import java.util.List;
import java.util.Optional;

/** A catalog that knows nothing, except optionally a newest version it reports for every key. */
final class FakeCatalog implements Catalog {
    private final Optional<VersionId> newestVersion;

    private FakeCatalog(Optional<VersionId> newestVersion) {
        this.newestVersion = newestVersion;
    }

    static FakeCatalog empty() {
        return new FakeCatalog(Optional.empty());
    }

    /** Reports {@code version} as every key's newest: a catalog written by an instance with a clock far ahead. */
    static FakeCatalog withNewestVersion(VersionId version) {
        return new FakeCatalog(Optional.of(version));
    }

    @Override
    public Optional<BucketInfo> bucket(String name) {
        return Optional.empty();
    }

    @Override
    public List<BucketInfo> buckets() {
        return List.of();
    }

    @Override
    public Optional<StoredObject> object(String bucket, String key) {
        return Optional.empty();
    }

    @Override
    public Optional<VersionId> newestVersion(String bucket, String key) {
        return newestVersion;
    }

    @Override
    public Optional<VersionId> newestBucketVersion(String bucket) {
        return newestVersion;
    }

    @Override
    public boolean hasLiveObjects(String bucket) {
        return false;
    }

    @Override
    public ListPage list(ListRequest request) {
        throw new UnsupportedOperationException("not needed by the write path");
    }

    @Override
    public Optional<MultipartUpload> multipartUpload(String bucket, UploadId uploadId) {
        return Optional.empty();
    }

    @Override
    public Optional<VersionId> completionVersion(String bucket, String key, UploadId uploadId) {
        return Optional.empty();
    }

    @Override
    public List<PartInfo> parts(UploadId uploadId, int afterPartNumber, int limit) {
        return List.of();
    }

    @Override
    public List<MultipartUpload> multipartUploads(String bucket, String prefix, String keyMarker,
            UploadId uploadIdMarker, int limit) {
        return List.of();
    }

    @Override
    public List<LifecycleRule> lifecycleRules(String bucket) {
        return List.of();
    }

    @Override
    public List<CorsRule> corsRules(String bucket) {
        return List.of();
    }
}
