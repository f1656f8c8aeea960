package dev.blobpipe.catalog;

import dev.blobpipe.catalog.internal.AppliedNotice;
import dev.blobpipe.catalog.internal.Backoff;
import dev.blobpipe.schemas.VersionId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link VisibilityWaiter} on PostgreSQL LISTEN/NOTIFY: the indexer notifies {@code blobpipe_applied} in the
 * transaction that applied an event, and one thread, "catalog-visibility", listens on a dedicated connection and
 * completes the registered waiters. Registering is one map insert, cheap enough for every PUT.
 *
 * <p>Notifications sent while the connection is down are lost, so after every (re)connect, once LISTEN is active
 * again, the waiters still pending are checked against the tables by version id: a version that is a key's or
 * bucket's current row, a multipart upload's start or close, a current part, a key's current tag set, a bucket's
 * current CORS or lifecycle configuration, or recorded as superseded in {@code dead_blobs}, was applied; a write whose condition failed is marked rejected in
 * {@code dead_blobs} and reported REJECTED. A superseded delete or a rejected bucket delete, completion or abort leaves no such
 * trace; its waiter runs into its timeout (the PUT answers 503, never hangs). A part rejected because its upload was
 * closed is in {@code dead_blobs} and so is reported APPLIED here; the completion that follows gets NoSuchUpload.
 */
public final class PostgresVisibilityWaiter implements VisibilityWaiter, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostgresVisibilityWaiter.class);
    private static final int RECEIVE_TIMEOUT_MS = 500;
    /** How long the connection may be silent before it is checked; a dead TCP peer sends no error. */
    private static final long HEALTH_CHECK_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int HEALTH_CHECK_TIMEOUT_SECONDS = 5;
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final String FIND_APPLIED = """
            SELECT version_id, false AS rejected FROM objects WHERE version_id = ANY (?)
            UNION SELECT version_id, false FROM buckets WHERE version_id = ANY (?)
            UNION SELECT version_id, rejected FROM dead_blobs WHERE version_id = ANY (?)
            UNION SELECT version_id, false FROM multipart_uploads WHERE version_id = ANY (?)
            UNION SELECT closed_version_id, false FROM multipart_uploads WHERE closed_version_id = ANY (?)
            UNION SELECT version_id, false FROM multipart_parts WHERE version_id = ANY (?)
            UNION SELECT tags_version_id, false FROM objects WHERE tags_version_id = ANY (?)
            UNION SELECT version_id, false FROM bucket_cors WHERE version_id = ANY (?)
            UNION SELECT version_id, false FROM bucket_lifecycle WHERE version_id = ANY (?)
            """;
    private static final int FIND_APPLIED_PARAMETERS = 9;

    private final DataSource directConnections;
    private final Map<VersionId, CompletableFuture<AppliedOutcome>> waiters = new ConcurrentHashMap<>();
    private final Backoff backoff;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Owned by the listener thread. */
    private Connection connection;

    /**
     * Starts listening on a connection of its own from {@code directConnections} (unpooled: the session lives as long
     * as this waiter), reconnecting with backoff up to {@code retryBackoffMax} when it breaks.
     */
    public PostgresVisibilityWaiter(DataSource directConnections, Duration retryBackoffMax) {
        this.directConnections = Objects.requireNonNull(directConnections, "directConnections");
        this.backoff = new Backoff(FIRST_RETRY, retryBackoffMax);
        this.thread = new Thread(this::run, "catalog-visibility");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public PostgresVisibilityWaiter(CatalogDatabase database, Duration retryBackoffMax) {
        this(database.directConnections(), retryBackoffMax);
    }

    @Override
    public Pending register(VersionId version) {
        Objects.requireNonNull(version, "version");
        CompletableFuture<AppliedOutcome> outcome = new CompletableFuture<>();
        waiters.put(version, outcome);
        return new Registration(version, outcome);
    }

    /** Number of registrations not yet completed or closed. */
    int pendingCount() {
        return waiters.size();
    }

    private void run() {
        while (!closed.get()) {
            if (connection == null && !connect()) {
                sleep(backoff.nextDelayMs());
                continue;
            }
            try {
                receive();
            } catch (SQLException e) {
                log.warn("visibility listener connection lost, reconnecting error={}", e.toString());
                closeConnection();
            }
        }
        closeConnection();
    }

    /** Connects, listens, then completes waiters whose notification may have been missed meanwhile. */
    private boolean connect() {
        try {
            connection = directConnections.getConnection();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + AppliedNotice.CHANNEL);
            }
            int recovered = completeAlreadyApplied();
            log.info("visibility listener connected channel={} recoveredWaiters={}", AppliedNotice.CHANNEL,
                    recovered);
            backoff.reset();
            return true;
        } catch (SQLException e) {
            log.warn("visibility listener cannot connect, retrying failures={} error={}", backoff.failures() + 1,
                    e.toString());
            closeConnection();
            return false;
        }
    }

    private int completeAlreadyApplied() throws SQLException {
        List<VersionId> pending = new ArrayList<>(waiters.keySet());
        if (pending.isEmpty()) {
            return 0;
        }
        String[] versions = pending.stream().map(VersionId::toString).toArray(String[]::new);
        int completed = 0;
        try (PreparedStatement query = connection.prepareStatement(FIND_APPLIED)) {
            Array array = connection.createArrayOf("text", versions);
            try {
                for (int parameter = 1; parameter <= FIND_APPLIED_PARAMETERS; parameter++) {
                    query.setArray(parameter, array);
                }
                query.setQueryTimeout(HEALTH_CHECK_TIMEOUT_SECONDS * 6);
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        AppliedOutcome outcome = result.getBoolean(2) ? AppliedOutcome.REJECTED
                                : AppliedOutcome.APPLIED;
                        if (complete(new AppliedNotice(VersionId.parse(result.getString(1)), outcome))) {
                            completed++;
                        }
                    }
                }
            } finally {
                array.free();
            }
        }
        return completed;
    }

    private void receive() throws SQLException {
        PGConnection listener = connection.unwrap(PGConnection.class);
        long lastHeardNanos = System.nanoTime();
        while (!closed.get()) {
            PGNotification[] notifications = listener.getNotifications(RECEIVE_TIMEOUT_MS);
            if (notifications != null && notifications.length > 0) {
                lastHeardNanos = System.nanoTime();
                for (PGNotification notification : notifications) {
                    handle(notification.getParameter());
                }
            } else if (System.nanoTime() - lastHeardNanos > HEALTH_CHECK_NANOS) {
                if (!connection.isValid(HEALTH_CHECK_TIMEOUT_SECONDS)) {
                    throw new SQLException("listener connection is no longer valid");
                }
                lastHeardNanos = System.nanoTime();
            }
        }
    }

    private void handle(String payload) {
        try {
            complete(AppliedNotice.parse(payload));
        } catch (IllegalArgumentException e) {
            log.warn("ignored foreign notification channel={} payload={}", AppliedNotice.CHANNEL, payload);
        }
    }

    private boolean complete(AppliedNotice notice) {
        CompletableFuture<AppliedOutcome> outcome = waiters.remove(notice.version());
        return outcome != null && outcome.complete(notice.outcome());
    }

    /** Reconnect backoff; {@link #close} cuts it short with unpark (an interrupt would also break a JDBC connect). */
    private void sleep(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long remaining;
        while (!closed.get() && (remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, remaining);
        }
    }

    private void closeConnection() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing the listener connection failed error={}", e.toString());
        }
        connection = null;
    }

    /** Stops listening; pending registrations are left to run into their timeouts. Safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LockSupport.unpark(thread); // ends a reconnect backoff at once; a receive ends within its timeout
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("visibility listener thread did not stop within timeout={}", CLOSE_TIMEOUT);
        }
    }

    /** One waiter; closing it forgets the registration. */
    private final class Registration implements Pending {
        private final VersionId version;
        private final CompletableFuture<AppliedOutcome> outcome;

        Registration(VersionId version, CompletableFuture<AppliedOutcome> outcome) {
            this.version = version;
            this.outcome = outcome;
        }

        @Override
        public AppliedOutcome await(Duration timeout) throws TimeoutException, InterruptedException {
            try {
                return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("visibility waiter failed for " + version, e.getCause());
            }
        }

        @Override
        public void close() {
            waiters.remove(version, outcome);
        }
    }
}
