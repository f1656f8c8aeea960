package dev.blobpipe.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.embedded.testing.SharedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void restartOnSameDirectoryKeepsRows(@TempDir Path dir) throws Exception {
        // given a table with rows
        Path dataDir = dir.resolve("pg");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir)) {
            postgres.createDatabaseIfMissing("kept");
            execute(postgres.dataSource("kept"), "CREATE TABLE kept (id int PRIMARY KEY, name text NOT NULL)",
                    "INSERT INTO kept VALUES (1, 'one'), (2, 'two')");
        }

        // when the server restarts on the same directory
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir)) {
            // then the rows are still there
            assertThat(names(postgres.dataSource("kept"), "kept")).containsExactly("one", "two");
        }
    }

    @Test
    void commitsAreDurable() throws Exception {
        try (Connection connection = SharedPostgres.freshDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(statement, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void startStopsStalePostmasterLeftByKilledJvm(@TempDir Path dir) throws Exception {
        // given a postmaster that survived the kill -9 of the JVM that started it
        Path dataDir = dir.resolve("pg");
        Path ready = dir.resolve("ready");
        Process child = ChildJvm.start(StalePostmasterChild.class, dir.resolve("child.log"),
                dataDir.toString(), ready.toString());
        try {
            Await.until(TIMEOUT, "child JVM to start postgres and write rows (log: " + dir.resolve("child.log") + ")",
                    () -> Files.exists(ready) || !child.isAlive());
            assertThat(child.isAlive()).as("child JVM alive after starting postgres").isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long stalePid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(stalePid).map(ProcessHandle::isAlive)).as("stale postmaster running")
                .contains(true);

        // when we start on the same directory
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir)) {
            // then the stale postmaster is gone and the old rows are served
            assertThat(ProcessHandle.of(stalePid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(names(postgres.dataSource("postgres"), "survivor")).containsExactly("one", "two");
        }
    }

    @Test
    void startRemovesPidFileOfUnrelatedLiveProcess(@TempDir Path dir) throws Exception {
        // given a stopped cluster whose postmaster.pid names a live process that is no postmaster (pid reuse)
        Path dataDir = dir.resolve("pg");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir)) {
            execute(postgres.dataSource("postgres"), "CREATE TABLE reused (id int PRIMARY KEY, name text NOT NULL)",
                    "INSERT INTO reused VALUES (1, 'one')");
        }
        Files.writeString(dataDir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + dataDir + "\n");

        // when / then the server starts anyway, and this JVM was left alone
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir)) {
            assertThat(names(postgres.dataSource("postgres"), "reused")).containsExactly("one");
        }
    }

    @Test
    void secondStartOnDirServedByThisJvmFails(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("pg");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir)) {
            assertThatThrownBy(() -> EmbeddedPostgres.start(dataDir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already running");
            execute(postgres.dataSource("postgres"), "SELECT 1"); // the first server still serves
        }
    }

    @Test
    void freshDatabasesShareNothing() throws Exception {
        DataSource first = SharedPostgres.freshDatabase();
        DataSource second = SharedPostgres.freshDatabase();
        execute(first, "CREATE TABLE only_here (id int)");
        try (Connection connection = second.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT to_regclass('only_here') IS NULL")) {
            rows.next();
            assertThat(rows.getBoolean(1)).isTrue();
        }
    }

    @Test
    void createDatabaseIfMissingIsIdempotent() {
        String name = SharedPostgres.freshDatabaseName();
        SharedPostgres.server().createDatabaseIfMissing(name);
        assertThat(SharedPostgres.jdbcUrl(name)).contains("/" + name);
    }

    @Test
    void closeTwiceIsHarmless(@TempDir Path dir) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("pg"));
        postgres.close();
        postgres.close();
    }

    private static String setting(Statement statement, String name) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(DataSource dataSource, String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> names(DataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM " + table + " ORDER BY id")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }
}
