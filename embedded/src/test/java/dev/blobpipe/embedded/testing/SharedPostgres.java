package dev.blobpipe.embedded.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import dev.blobpipe.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL per test JVM, started on first use in a temporary directory and stopped by a shutdown hook.
 * Tests share the server, never a database: {@link #freshDatabase()} makes a new one per call.
 */
public final class SharedPostgres {

    private SharedPostgres() {
    }

    /** Creates a new, empty, uniquely named database and returns an unpooled DataSource for it. */
    public static DataSource freshDatabase() {
        return server().dataSource(freshDatabaseName());
    }

    /** Creates a new, empty, uniquely named database and returns its name. */
    public static String freshDatabaseName() {
        String name = "test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        server().createDatabaseIfMissing(name);
        return name;
    }

    /** JDBC URL of database {@code db} on the shared server (user postgres, no password). */
    public static String jdbcUrl(String db) {
        return server().jdbcUrl(db);
    }

    /** The shared server, starting it if needed. */
    public static EmbeddedPostgres server() {
        return Holder.POSTGRES;
    }

    /** Lazy holder: the server starts when a test first asks for it, once per JVM. */
    private static final class Holder {
        static final EmbeddedPostgres POSTGRES = startShared();

        private static EmbeddedPostgres startShared() {
            try {
                Path dir = Files.createTempDirectory("blobpipe-test-pg-");
                EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("data"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        // JVM exit: nothing left to report to; the temp dir is removed below anyway.
                    }
                    TempDirs.deleteQuietly(dir);
                }, "shared-postgres-stop"));
                return postgres;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the shared embedded postgres", e);
            }
        }
    }
}
