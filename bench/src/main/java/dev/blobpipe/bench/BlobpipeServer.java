package dev.blobpipe.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code blobpipe dev} on a fresh data directory, at the heap bench/dev-server.sh gives it. Its embedded PostgreSQL
 * runs in a session of its own (pg_ctl detaches the postmaster), so the postmaster named in {@code postmaster.pid} is
 * a second process root: it and its backends are part of the server. Closing sends SIGTERM: dev stops its roles,
 * then its PostgreSQL.
 */
final class BlobpipeServer extends JvmBenchServer {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path dataDir;

    private BlobpipeServer(ChildJvm jvm, Path dataDir, int port) {
        super(jvm, port);
        this.dataDir = dataDir;
    }

    /** Starts {@code dev.blobpipe.cli.Main dev} from {@code classpath} with its data under {@code workDir}. */
    static BlobpipeServer start(String classpath, Path workDir, String heap) throws IOException {
        int port = ChildJvm.freePort();
        Path dataDir = workDir.resolve("data");
        ChildJvm jvm = ChildJvm.start("blobpipe", workDir, heap, List.of("-cp", classpath, "dev.blobpipe.cli.Main",
                "dev", "--data-dir", dataDir.toString(), "--port", Integer.toString(port),
                "--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY));
        try {
            jvm.awaitOutput("endpoint ", START_TIMEOUT); // printed once every role serves
        } catch (IOException | RuntimeException e) {
            jvm.close();
            throw e;
        }
        return new BlobpipeServer(jvm, dataDir, port);
    }

    @Override
    public String name() {
        return "blobpipe";
    }

    @Override
    public List<Long> processRoots() throws IOException {
        var roots = new ArrayList<>(super.processRoots());
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            roots.add(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
        }
        return roots;
    }

    @Override
    public String seedListing(String bucket, long objects) throws IOException {
        var runtime = new Properties();
        try (Reader reader = Files.newBufferedReader(dataDir.resolve("runtime.properties"))) {
            runtime.load(reader);
        }
        try {
            CatalogSeed.insert(runtime.getProperty("catalog.jdbc.url"), bucket, objects, CatalogSeed.FLAT_KEYS);
        } catch (SQLException e) {
            throw new IOException("seeding " + bucket + " failed", e);
        }
        return "catalog rows inserted straight into PostgreSQL";
    }
}
