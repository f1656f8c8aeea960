package dev.blobpipe.catalog.testing;

import dev.blobpipe.catalog.CatalogDatabase;
import dev.blobpipe.catalog.PostgresCatalog;
import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.catalog.internal.DeadBlobDao;
import dev.blobpipe.catalog.internal.EventApplier;
import dev.blobpipe.embedded.testing.SharedPostgres;
import dev.blobpipe.schemas.ObjectEvent;
import java.util.ArrayList;
import java.util.List;

/** A catalog on a fresh database of the shared embedded PostgreSQL; one per test. */
public final class CatalogFixture implements AutoCloseable {
    private final CatalogDatabase database;
    private final PostgresCatalog catalog;

    private CatalogFixture(CatalogDatabase database) {
        this.database = database;
        this.catalog = new PostgresCatalog(database);
    }

    public static CatalogFixture fresh() {
        return new CatalogFixture(CatalogDatabase.open(SharedPostgres.freshDatabase(), 4));
    }

    public CatalogDatabase database() {
        return database;
    }

    public PostgresCatalog catalog() {
        return catalog;
    }

    /** Applies events in one transaction, as one indexer batch would, and returns their outcomes. */
    public List<AppliedOutcome> apply(ObjectEvent... events) {
        return database.jdbi().inTransaction(handle -> {
            EventApplier applier = new EventApplier(handle);
            List<AppliedOutcome> outcomes = new ArrayList<>();
            for (ObjectEvent event : events) {
                outcomes.add(applier.apply(event));
            }
            return outcomes;
        });
    }

    public List<DeadBlobDao.DeadBlob> deadBlobs() {
        return database.jdbi().withExtension(DeadBlobDao.class, dead -> dead.oldest(10_000));
    }

    @Override
    public void close() {
        database.close();
    }
}
