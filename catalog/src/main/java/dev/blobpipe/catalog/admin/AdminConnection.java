package dev.blobpipe.catalog.admin;

import dev.blobpipe.catalog.CatalogConfig;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A {@link Jdbi} on an existing catalog database for admin commands: unpooled connections (one per query), every
 * session read-only, and no migration, so an admin command can neither change a running system's rows nor its schema.
 */
public final class AdminConnection {
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private AdminConnection() {
    }

    public static Jdbi open(CatalogConfig.Values config) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(config.jdbcUrl());
        dataSource.setUser(config.jdbcUser());
        dataSource.setPassword(config.jdbcPassword());
        dataSource.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setReadOnly(true);
        // "always": read-only even outside transactions, not only in them (the driver's default)
        dataSource.setReadOnlyMode("always");
        dataSource.setApplicationName("blobpipe-admin");
        return Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    }
}
