package dev.blobpipe.cli;

import dev.blobpipe.catalog.CatalogConfig;
import dev.blobpipe.catalog.admin.AdminConnection;
import dev.blobpipe.schemas.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} option of admin commands and the catalog it leads to: the PostgreSQL of the
 * {@code blobpipe dev} running there ({@link DevRuntime}), opened read-only.
 */
final class RunningCatalog {
    @Option(names = "--data-dir", defaultValue = "./data",
            description = "Data dir of the running blobpipe dev (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /**
     * A read-only connection to the running system's catalog; a data dir no dev ran on is a setting to fix
     * ({@link ConfigException}: the message, no stack trace).
     */
    Jdbi open() {
        DevRuntime runtime;
        try {
            runtime = DevRuntime.read(dataDir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new ConfigException(e.getMessage());
        }
        return AdminConnection.open(CatalogConfig.Values.defaults(runtime.jdbcUrl(),
                CatalogConfig.JDBC_USER.defaultValue(), CatalogConfig.JDBC_PASSWORD.defaultValue()));
    }
}
