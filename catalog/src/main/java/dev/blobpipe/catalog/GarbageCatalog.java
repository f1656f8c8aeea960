package dev.blobpipe.catalog;

import dev.blobpipe.catalog.internal.GarbageDao;
import dev.blobpipe.catalog.internal.MultipartDao;
import dev.blobpipe.schemas.VersionId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * What the compactor asks the catalog: which blobs named by {@code dead_blobs} are ripe, whether anything still uses
 * a blob, forgetting dead rows, which multipart uploads have been open too long, and the lock that lets one sweep run
 * at a time across processes. Thread-safe; every call borrows a pooled connection briefly, except the lock, which
 * holds a connection of its own.
 *
 * <p>Collection works on whole blobs only. Today every blob holds exactly one object's or one part's bytes (offset 0),
 * shared at most by copies that reference it whole; pack segments, which hold many objects' ranges, will be rewritten
 * by segment compaction, never deleted here while any range of them is referenced.
 */
public final class GarbageCatalog {
    /**
     * The PostgreSQL advisory lock key of the compactor's sweep ("blobpipe" in ASCII): advisory locks are per
     * database, so this is unique among the locks blobpipe takes in its catalog.
     */
    public static final long SWEEP_LOCK_KEY = 0x626c6f6270697065L;

    private final Jdbi jdbi;
    private final DataSource directConnections;

    public GarbageCatalog(CatalogDatabase database) {
        Objects.requireNonNull(database, "database");
        this.jdbi = database.jdbi();
        this.directConnections = database.directConnections();
    }

    /**
     * Up to {@code limit} blobs named after {@code afterBlobName} ("" to start) whose dead rows are all ripe: recorded
     * before {@code cutoff}, or parts of aborted multipart uploads. Ordered by name, so the last one is the next
     * call's {@code afterBlobName}.
     */
    public List<CollectableBlob> ripeBlobs(Instant cutoff, String afterBlobName, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(afterBlobName, "afterBlobName");
        requirePositive(limit);
        return jdbi.withExtension(GarbageDao.class, garbage -> garbage.ripe(cutoff, afterBlobName, limit));
    }

    /** How {@code blob} is used now; see {@link BlobUse}. */
    public BlobUse use(CollectableBlob blob) {
        return jdbi.withExtension(GarbageDao.class, garbage -> garbage.use(blob.blobName(), versions(blob)));
    }

    /** Removes the dead rows {@code blob} was found with (a row recorded since stays); returns how many. */
    public int forget(CollectableBlob blob) {
        return jdbi.withExtension(GarbageDao.class, garbage -> garbage.forget(blob.blobName(), versions(blob)));
    }

    /**
     * Up to {@code limit} open multipart uploads initiated before {@code cutoff}, oldest first, after {@code after}
     * (null to start).
     */
    public List<MultipartUpload> openUploadsInitiatedBefore(Instant cutoff, MultipartUpload after, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        requirePositive(limit);
        Instant afterInitiated = after == null ? Instant.EPOCH : after.initiatedAt();
        String afterUploadId = after == null ? "" : after.uploadId().value();
        return jdbi.withExtension(MultipartDao.class,
                uploads -> uploads.openInitiatedBefore(cutoff, afterInitiated, afterUploadId, limit));
    }

    /**
     * Takes the sweep lock if no other session holds it; empty if one does. The lock is a session-level advisory
     * lock on a connection of its own, so it is released when the returned lock is closed or, should the process die,
     * when PostgreSQL notices the session is gone: a crashed sweeper never blocks the next one.
     */
    public Optional<SweepLock> tryLockSweep() {
        Connection connection = null;
        try {
            connection = directConnections.getConnection();
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                statement.setLong(1, SWEEP_LOCK_KEY);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    if (result.getBoolean(1)) {
                        SweepLock lock = new SweepLock(connection);
                        connection = null; // the lock owns it now
                        return Optional.of(lock);
                    }
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the sweep lock", e);
        } finally {
            closeQuietly(connection);
        }
    }

    private static String[] versions(CollectableBlob blob) {
        return blob.deadVersions().stream().map(VersionId::toString).toArray(String[]::new);
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // the session ends either way, and with it any advisory lock it held
        }
    }

    /** The held sweep lock: closing it ends its session, which releases the lock. Safe to close twice. */
    public static final class SweepLock implements AutoCloseable {
        private final Connection connection;

        private SweepLock(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() {
            // no explicit unlock: the connection is unpooled, so closing it ends the session and frees the lock
            closeQuietly(connection);
        }
    }
}
