package dev.blobpipe.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.locks.LockSupport;

/**
 * Run in a child JVM by {@link EmbeddedPostgresTest}: starts PostgreSQL on a data dir, writes rows, signals ready by
 * creating a marker file, then waits to be killed with SIGKILL, which leaves its postmaster running.
 */
public final class StalePostmasterChild {

    private StalePostmasterChild() {
    }

    /** Arguments: data dir, marker file. */
    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path readyMarker = Path.of(args[1]);
        EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir); // never closed: the parent kills us
        try (Connection connection = postgres.dataSource("postgres").getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE survivor (id int PRIMARY KEY, name text NOT NULL)");
            statement.execute("INSERT INTO survivor VALUES (1, 'one'), (2, 'two')");
        }
        Files.writeString(readyMarker, Integer.toString(postgres.port()));
        long deadline = System.nanoTime() + 120_000_000_000L; // a forgotten child still exits eventually
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000_000L);
        }
        postgres.close();
    }
}
