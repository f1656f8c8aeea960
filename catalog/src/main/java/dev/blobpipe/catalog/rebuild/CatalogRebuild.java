package dev.blobpipe.catalog.rebuild;

import dev.blobpipe.catalog.CatalogConfig;
import dev.blobpipe.catalog.CatalogDatabase;
import dev.blobpipe.catalog.EventIndexer;
import dev.blobpipe.catalog.IndexerCatchUp;
import dev.blobpipe.schemas.Topics;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.function.Consumer;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recreates the catalog from {@code blobpipe.events} alone (DESIGN.md step 4): creates a new database on the running
 * system's PostgreSQL server, migrates it, and runs an {@link EventIndexer} of its own (own consumer group) from the
 * beginning of the topic until it has applied everything up to the end offset taken at the start. The live catalog is
 * never touched. Memory is bounded by the indexer's poll batches; nothing holds the topic or a table.
 *
 * <p>"Applied up to the end" is judged by {@link IndexerCatchUp} on the rebuilt database.
 */
public final class CatalogRebuild {
    private static final Logger log = LoggerFactory.getLogger(CatalogRebuild.class);
    private static final String NAME_PREFIX = "blobpipe_rebuild_";
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** The rebuild's indexer writes with one connection; the progress checks read with the other. */
    private static final int POOL_SIZE = 2;

    /**
     * What to rebuild from and into.
     *
     * @param bootstrapServers the running system's Kafka
     * @param topic the events topic ({@link Topics#EVENTS}; tests use their own)
     * @param server the live catalog's settings: the new database goes on the same server, with the same user
     * @param databaseName the new database's name; it must not exist yet
     * @param idleTimeout how long the rebuild may go without progress before it gives up
     */
    public record Settings(String bootstrapServers, String topic, CatalogConfig.Values server, String databaseName,
            Duration idleTimeout) {
        public Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(server, "server");
            DatabaseUrl.requireName(databaseName);
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
            }
        }
    }

    private final Settings settings;

    public CatalogRebuild(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** {@code blobpipe_rebuild_<yyyyMMdd_HHmmss>} in UTC. */
    public static String defaultDatabaseName(Clock clock) {
        return NAME_PREFIX + NAME_TIME.format(clock.instant());
    }

    /**
     * Rebuilds, telling {@code progress} each time the applied offset moves (on the calling thread), and returns when
     * the new database holds every event up to the end offset taken at the start. The database stays afterwards.
     *
     * @throws IllegalStateException if the topic has more than one partition, the database exists, or the rebuild
     *     makes no progress for the idle timeout
     */
    public RebuildResult run(Consumer<RebuildProgress> progress) throws InterruptedException {
        try (IndexerCatchUp catchUp = new IndexerCatchUp(settings.bootstrapServers(), settings.topic(),
                "catalog-rebuild-probe")) {
            long start = catchUp.beginningOffset();
            long end = catchUp.endOffset();
            createDatabase();
            String url = DatabaseUrl.withDatabase(settings.server().jdbcUrl(), settings.databaseName());
            log.info("catalog rebuild started database={} topic={} start={} end={}", settings.databaseName(),
                    settings.topic(), start, end);
            CatalogConfig.Values server = settings.server();
            var rebuilt = new CatalogConfig.Values(url, server.jdbcUser(), server.jdbcPassword(), POOL_SIZE,
                    server.indexerPollTimeout(), server.indexerInstanceId(), server.retryBackoffMax());
            try (CatalogDatabase database = CatalogDatabase.open(rebuilt);
                    EventIndexer indexer = new EventIndexer(database, indexerSettings())) {
                progress.accept(new RebuildProgress(start, start, end));
                if (end > start) {
                    indexer.start();
                    boolean applied = catchUp.awaitApplied(database, end, settings.idleTimeout(), offset -> {
                        if (offset > start) {
                            progress.accept(new RebuildProgress(start, Math.min(offset, end), end));
                        }
                    });
                    if (!applied) {
                        throw new IllegalStateException("catalog rebuild made no progress for "
                                + settings.idleTimeout() + " before offset " + end + " (see the indexer's log)");
                    }
                    progress.accept(new RebuildProgress(start, end, end));
                }
            }
            log.info("catalog rebuild done database={} end={}", settings.databaseName(), end);
            return new RebuildResult(settings.databaseName(), url, end);
        }
    }

    /** A group of its own, so the live indexer's partitions and offsets are never touched. */
    private EventIndexer.Settings indexerSettings() {
        CatalogConfig.Values server = settings.server();
        return new EventIndexer.Settings(settings.bootstrapServers(), settings.topic(),
                "blobpipe-rebuild-" + settings.databaseName(), "1", server.indexerPollTimeout(),
                server.retryBackoffMax());
    }

    /**
     * Creates the new database on the live catalog's server. UTF8 from template0: the catalog requires UTF8, and
     * template0 carries nothing a site may have added to template1.
     */
    private void createDatabase() {
        CatalogConfig.Values server = settings.server();
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(server.jdbcUrl());
        dataSource.setUser(server.jdbcUser());
        dataSource.setPassword(server.jdbcPassword());
        dataSource.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setApplicationName("blobpipe-rebuild");
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            // CREATE DATABASE takes no bind parameters; the name matched DatabaseUrl.NAME (no quote can be in it)
            statement.execute("CREATE DATABASE \"" + settings.databaseName() + "\" TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("database " + settings.databaseName()
                        + " exists already; a rebuild needs a new one (drop it or give another name)", e);
            }
            throw new IllegalStateException("cannot create database " + settings.databaseName(), e);
        }
    }
}
