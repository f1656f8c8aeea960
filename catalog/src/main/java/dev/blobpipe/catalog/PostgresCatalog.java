package dev.blobpipe.catalog;

import dev.blobpipe.catalog.internal.BucketDao;
import dev.blobpipe.catalog.internal.Listing;
import dev.blobpipe.catalog.internal.ObjectDao;
import dev.blobpipe.schemas.VersionId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** The {@link Catalog} read side on PostgreSQL. Thread-safe; every call borrows a pooled connection briefly. */
public final class PostgresCatalog implements Catalog {
    private final Jdbi jdbi;

    public PostgresCatalog(CatalogDatabase database) {
        this.jdbi = Objects.requireNonNull(database, "database").jdbi();
    }

    @Override
    public Optional<BucketInfo> bucket(String name) {
        return jdbi.withExtension(BucketDao.class, buckets -> buckets.live(name));
    }

    @Override
    public List<BucketInfo> buckets() {
        return jdbi.withExtension(BucketDao.class, BucketDao::allLive);
    }

    @Override
    public Optional<StoredObject> object(String bucket, String key) {
        return jdbi.withExtension(ObjectDao.class, objects -> objects.live(bucket, key));
    }

    @Override
    public Optional<VersionId> newestVersion(String bucket, String key) {
        return jdbi.withExtension(ObjectDao.class, objects -> objects.newestVersion(bucket, key))
                .map(VersionId::parse);
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
            return Listing.page(request, (from, inclusive, to, limit) -> to == null
                    ? objects.liveFrom(request.bucket(), from, inclusive, limit)
                    : objects.liveBetween(request.bucket(), from, inclusive, to, limit));
        });
    }
}
