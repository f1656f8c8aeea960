package dev.blobpipe.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's PostgreSQL database: a small connection pool, the schema migrated on open, and a {@link Jdbi} with the
 * SqlObject and PostgreSQL plugins (a second pool serves plain JDBC for the hottest lookups). Also hands out unpooled
 * connections for holders of long-lived sessions (the visibility waiter's LISTEN). Thread-safe.
 */
public final class CatalogDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CatalogDatabase.class);
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final DataSource directConnections;
    private final HikariDataSource pool;
    private final HikariDataSource lookupPool;
    private final Jdbi jdbi;

    private CatalogDatabase(DataSource directConnections, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be positive: " + poolSize);
        }
        this.directConnections = directConnections;
        HikariConfig config = new HikariConfig();
        config.setDataSource(directConnections);
        config.setPoolName("catalog");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000L);
        // plan every statement for its values: the driver prepares a statement on the server after a few runs, and
        // PostgreSQL's generic plan for our optional bounds ("CAST(:to AS text) IS NULL OR key < :to") and the
        // listing walk was up to 100 times slower (2 s for a page of 100 common prefixes at 1M keys)
        config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
        this.pool = new HikariDataSource(config);
        try {
            requireUtf8(pool);
            var migration = Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            log.info("catalog schema ready migrations={} version={}", migration.migrationsExecuted,
                    migration.targetSchemaVersion);
        } catch (RuntimeException | SQLException e) {
            pool.close();
            throw e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("cannot open the catalog database", e);
        }
        this.jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        this.lookupPool = lookupPool(directConnections, poolSize);
    }

    /**
     * A second pool for the per-request lookups by primary key, without the main pool's force_custom_plan: planning
     * their joins on every call was about a quarter of a small GET's server CPU, and a generic plan of an equality
     * lookup is as good as a custom one. No connection is opened before the first lookup (roles that never look up
     * hold none).
     */
    private static HikariDataSource lookupPool(DataSource directConnections, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(directConnections);
        config.setPoolName("catalog-lookups");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000L);
        return new HikariDataSource(config);
    }

    /** Connects with {@code config}'s JDBC settings, then migrates the schema. */
    public static CatalogDatabase open(CatalogConfig.Values config) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(config.jdbcUrl());
        dataSource.setUser(config.jdbcUser());
        dataSource.setPassword(config.jdbcPassword());
        dataSource.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setTcpKeepAlive(true);
        dataSource.setApplicationName("blobpipe-catalog");
        return new CatalogDatabase(dataSource, config.poolSize());
    }

    /** Pools connections of {@code directConnections} (which must not pool itself), then migrates the schema. */
    public static CatalogDatabase open(DataSource directConnections, int poolSize) {
        return new CatalogDatabase(Objects.requireNonNull(directConnections, "directConnections"), poolSize);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Pooled connections for the few lookups by primary key of every request, in plain JDBC (JDBI's per-call work
     * costs more CPU than the query itself there), with PostgreSQL's default plan caching: only for statements whose
     * generic plan is as good as a custom one. The caller closes each connection promptly.
     */
    public DataSource lookupConnections() {
        return lookupPool;
    }

    /** Unpooled connections, for sessions that live as long as their owner (LISTEN); the caller closes them. */
    public DataSource directConnections() {
        return directConnections;
    }

    /** Listing order is UTF-8 byte order only in a UTF8 database; any other encoding would list keys wrongly. */
    private static void requireUtf8(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW server_encoding")) {
            result.next();
            String encoding = result.getString(1);
            if (!"UTF8".equalsIgnoreCase(encoding)) {
                throw new IllegalStateException("catalog database must use UTF8 encoding, not " + encoding);
            }
        }
    }

    @Override
    public void close() {
        lookupPool.close();
        pool.close();
    }
}
