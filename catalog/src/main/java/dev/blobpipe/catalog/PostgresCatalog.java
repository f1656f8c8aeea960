package dev.blobpipe.catalog;

import dev.blobpipe.catalog.internal.BucketDao;
import dev.blobpipe.catalog.internal.CorsDao;
import dev.blobpipe.catalog.internal.HotLookups;
import dev.blobpipe.catalog.internal.KeyRange;
import dev.blobpipe.catalog.internal.LifecycleDao;
import dev.blobpipe.catalog.internal.Listing;
import dev.blobpipe.catalog.internal.PostgresKeySource;
import dev.blobpipe.catalog.internal.MultipartDao;
import dev.blobpipe.catalog.internal.ObjectDao;
import dev.blobpipe.schemas.CorsRule;
import dev.blobpipe.schemas.LifecycleRule;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** The {@link Catalog} read side on PostgreSQL. Thread-safe; every call borrows a pooled connection briefly. */
public final class PostgresCatalog implements Catalog {
    private final Jdbi jdbi;
    /** The lookups of every request, in plain JDBC on the same pool. */
    private final HotLookups hot;

    public PostgresCatalog(CatalogDatabase database) {
        this.jdbi = Objects.requireNonNull(database, "database").jdbi();
        this.hot = new HotLookups(database.lookupConnections());
    }

    @Override
    public Optional<BucketInfo> bucket(String name) {
        return hot.bucket(name);
    }

    @Override
    public List<BucketInfo> buckets() {
        return jdbi.withExtension(BucketDao.class, BucketDao::allLive);
    }

    @Override
    public Optional<StoredObject> object(String bucket, String key) {
        return hot.object(bucket, key);
    }

    @Override
    public Optional<VersionId> newestVersion(String bucket, String key) {
        return hot.newestVersion(bucket, key);
    }

    /** One query: the bucket left-joined to the key's row. */
    @Override
    public ObjectInBucket objectInBucket(String bucket, String key) {
        return hot.objectInBucket(bucket, key);
    }

    @Override
    public Optional<VersionId> newestBucketVersion(String bucket) {
        return jdbi.withExtension(BucketDao.class, buckets -> buckets.newestVersion(bucket)).map(VersionId::parse);
    }

    @Override
    public boolean hasLiveObjects(String bucket) {
        return jdbi.withExtension(ObjectDao.class, objects -> objects.hasLive(bucket));
    }

    /** One page, read from one snapshot although a page with common prefixes may take several queries. */
    @Override
    public ListPage list(ListRequest request) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            ObjectDao objects = handle.attach(ObjectDao.class);
            return Listing.page(request, new PostgresKeySource(objects, request.bucket()));
        });
    }

    @Override
    public Optional<MultipartUpload> multipartUpload(String bucket, UploadId uploadId) {
        return jdbi.withExtension(MultipartDao.class, uploads -> uploads.openUpload(bucket, uploadId.value()));
    }

    @Override
    public Optional<VersionId> completionVersion(String bucket, String key, UploadId uploadId) {
        return jdbi.withExtension(MultipartDao.class,
                uploads -> uploads.completionVersion(bucket, key, uploadId.value())).map(VersionId::parse);
    }

    @Override
    public List<PartInfo> parts(UploadId uploadId, int afterPartNumber, int limit) {
        requireLimit(limit);
        return jdbi.withExtension(MultipartDao.class,
                uploads -> uploads.openParts(uploadId.value(), afterPartNumber, limit));
    }

    /** The prefix is a key range ({@code prefix <= key < successor(prefix)}), never LIKE: keys may hold % and _. */
    @Override
    public List<MultipartUpload> multipartUploads(String bucket, String prefix, String keyMarker,
            UploadId uploadIdMarker, int limit) {
        Objects.requireNonNull(bucket, "bucket");
        requireLimit(limit);
        String from = prefix == null ? "" : prefix;
        String to = KeyRange.successor(from);
        // S3 ignores upload-id-marker without key-marker
        String uploadIdAfter = keyMarker == null || uploadIdMarker == null ? null : uploadIdMarker.value();
        return jdbi.withExtension(MultipartDao.class, uploads -> uploads.openUploads(bucket, from, to == null,
                to == null ? "" : to, keyMarker != null, keyMarker == null ? "" : keyMarker, uploadIdAfter, limit));
    }

    @Override
    public List<CorsRule> corsRules(String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        return jdbi.withExtension(CorsDao.class, cors -> cors.liveRules(bucket));
    }

    @Override
    public List<LifecycleRule> lifecycleRules(String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        return jdbi.withExtension(LifecycleDao.class, lifecycle -> lifecycle.liveRules(bucket));
    }

    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
    }
}
