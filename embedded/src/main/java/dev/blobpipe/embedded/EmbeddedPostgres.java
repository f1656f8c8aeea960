package dev.blobpipe.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's packaged binaries) whose data lives in a directory of ours and survives restarts.
 *
 * <p>Unlike zonky's test defaults, the data directory is never wiped and commits are durable ({@code fsync} and
 * {@code synchronous_commit} on). zonky starts the postmaster through {@code pg_ctl} in a session of its own, so a
 * postmaster outlives a kill -9 of the JVM that started it; {@link #start(Path)} therefore stops such a stale
 * postmaster of the same data directory before starting its own (DESIGN.md, Known traps).
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private static final String HOST = "127.0.0.1";
    private static final String SUPERUSER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    /** How long a postmaster gets to finish a fast shutdown: ours at close, a stale one before it is killed. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(15);
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    /**
     * Data dirs served by this JVM: a second start on one of them must fail, not mistake the first server for a
     * stale postmaster and stop it.
     */
    private static final Set<Path> RUNNING = ConcurrentHashMap.newKeySet();

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path dataDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /**
     * Starts PostgreSQL on {@code dataDir}, creating the cluster on first use and stopping a postmaster left
     * running on it by a process that died.
     */
    public static EmbeddedPostgres start(Path dataDir) throws IOException {
        Objects.requireNonNull(dataDir, "dataDir");
        Files.createDirectories(dataDir);
        Path absolute = dataDir.toRealPath();
        if (!RUNNING.add(absolute)) {
            throw new IllegalStateException("embedded postgres already running in this process on " + absolute);
        }
        try {
            stopStalePostmaster(absolute);
            int port = freePort();
            long startNanos = System.nanoTime();
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                            .setDataDirectory(absolute)
                            .setCleanDataDirectory(false)
                            .setPort(port)
                            .setPGStartupWait(STARTUP_WAIT)
                            // zonky's defaults are for throwaway test data; ours must survive a crash.
                            .setServerConfig("fsync", "on")
                            .setServerConfig("synchronous_commit", "on")
                            .setServerConfig("full_page_writes", "on")
                            .setServerConfig("listen_addresses", HOST)
                            // room for a few connection pools per test database; a slot costs little shared memory
                            .setServerConfig("max_connections", "200")
                            .setServerConfig("shared_buffers", "32MB")
                            .setServerConfig("timezone", "UTC")
                            .start();
            log.info("embedded postgres started port={} dir={} startMs={}",
                    port, absolute, (System.nanoTime() - startNanos) / 1_000_000);
            return new EmbeddedPostgres(server, absolute);
        } catch (IOException | RuntimeException e) {
            RUNNING.remove(absolute);
            throw e;
        }
    }

    /** The TCP port the server listens on (loopback only). */
    public int port() {
        return server.getPort();
    }

    /** A JDBC URL for {@code database} as the superuser (trust authentication, loopback only). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + requireDatabaseName(database)
                + "?user=" + SUPERUSER + "&connectTimeout=" + CONNECT_TIMEOUT_SECONDS;
    }

    /** An unpooled DataSource for {@code database} as the superuser; callers pool it if they need to. */
    public DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {HOST});
        dataSource.setPortNumbers(new int[] {port()});
        dataSource.setDatabaseName(requireDatabaseName(database));
        dataSource.setUser(SUPERUSER);
        dataSource.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        return dataSource;
    }

    /** Creates database {@code name} unless it exists; names are lowercase identifiers. */
    public void createDatabaseIfMissing(String name) {
        String database = requireDatabaseName(name);
        try (Connection connection = dataSource("postgres").getConnection()) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            // CREATE DATABASE takes no bind parameters; the name was checked against DATABASE_NAME above.
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + database + "\"");
                log.info("embedded postgres database created name={}", database);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // duplicate_database: a concurrent caller won the race
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    /** Stops the server (fast shutdown) and waits for it; the data directory stays. A second call does nothing. */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Optional<ProcessHandle> postmaster = readPid(dataDir.resolve("postmaster.pid")).flatMap(ProcessHandle::of);
        try {
            server.close();
            // pg_ctl gives up waiting after a few seconds while a busy server still checkpoints and writes its last
            // files: a caller deleting the directory right after would race those writes
            if (postmaster.isPresent() && !awaitExit(postmaster.get(), SHUTDOWN_WAIT)) {
                log.warn("postmaster still shutting down pid={} dir={}", postmaster.get().pid(), dataDir);
            }
        } finally {
            RUNNING.remove(dataDir);
        }
        log.info("embedded postgres stopped dir={}", dataDir);
    }

    private static String requireDatabaseName(String name) {
        Objects.requireNonNull(name, "database");
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + DATABASE_NAME + ": " + name);
        }
        return name;
    }

    /**
     * Clears the way for our postmaster. After a kill -9 of our JVM the old postmaster keeps running (pg_ctl gave it
     * a session of its own) and holds {@code postmaster.pid}, so our start would fail: stop it with a fast shutdown
     * (SIGINT), escalating to SIGKILL only if it does not exit in time. A pid file naming a dead process
     * is left to PostgreSQL, which recovers from it itself; one naming a live process that is not a postmaster of this
     * directory (a pid reused after a reboot) is removed, since PostgreSQL would refuse to start.
     */
    private static void stopStalePostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        Optional<ProcessHandle> live = readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (live.isEmpty()) {
            return;
        }
        ProcessHandle process = live.get();
        if (!isPostmasterOf(process, dataDir)) {
            log.warn("removing stale postmaster.pid naming an unrelated process pid={} dir={}", process.pid(), dataDir);
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("stopping stale postmaster pid={} dir={}", process.pid(), dataDir);
        requestFastShutdown(process);
        if (!awaitExit(process, SHUTDOWN_WAIT)) {
            log.warn("stale postmaster did not shut down, killing pid={} dir={}", process.pid(), dataDir);
            process.destroyForcibly();
            if (!awaitExit(process, SHUTDOWN_WAIT)) {
                throw new IOException("stale postmaster pid=" + process.pid() + " of " + dataDir + " does not exit");
            }
        }
        log.info("stale postmaster stopped pid={} dir={}", process.pid(), dataDir);
    }

    /**
     * SIGINT is PostgreSQL's fast shutdown (ends sessions, checkpoints, exits). Java can only send SIGTERM, the
     * smart shutdown that waits for every client to leave, so use kill(1) and fall back to SIGTERM without it.
     */
    private static void requestFastShutdown(ProcessHandle process) throws IOException {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
            kill.destroyForcibly();
        } catch (IOException e) {
            log.warn("cannot run kill -INT, falling back to SIGTERM pid={} error={}", process.pid(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted stopping stale postmaster pid=" + process.pid(), e);
        }
        process.destroy();
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty(); // a torn pid file: PostgreSQL itself rejects or replaces it
        }
    }

    /**
     * Whether {@code process} runs the postgres binary on {@code dataDir} ({@code -D dir}): only then is it ours to
     * stop. If the arguments cannot be read, a postgres named by our own pid file is taken to be ours.
     */
    private static boolean isPostmasterOf(ProcessHandle process, Path dataDir) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(command -> command.endsWith("/postgres")).orElse(false);
        if (!postgres) {
            return false;
        }
        Optional<String[]> arguments = info.arguments();
        if (arguments.isEmpty()) {
            return true;
        }
        List<String> args = List.of(arguments.get());
        int flag = args.indexOf("-D");
        if (flag < 0 || flag + 1 >= args.size()) {
            return true; // started without -D (PGDATA): cannot tell, and it holds our pid file
        }
        try {
            return Files.isSameFile(Path.of(args.get(flag + 1)), dataDir);
        } catch (IOException | InvalidPathException e) {
            return false;
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) throws IOException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IOException("waiting for pid " + process.pid() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for stale postmaster pid=" + process.pid(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }
}
