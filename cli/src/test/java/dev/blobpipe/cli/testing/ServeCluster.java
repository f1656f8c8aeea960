package dev.blobpipe.cli.testing;

import dev.blobpipe.embedded.EmbeddedKafka;
import dev.blobpipe.embedded.EmbeddedPostgres;
import dev.blobpipe.embedded.testing.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A broker, a PostgreSQL database and a blob directory of one test class's own, for {@code serve} processes: the
 * topic names are fixed, so the shared broker of other tests will not do. Started once per class, closed after it.
 */
public final class ServeCluster implements AutoCloseable {
    private final Path dir;
    private final String database;
    private EmbeddedPostgres postgres;
    private EmbeddedKafka kafka;

    private ServeCluster(Path dir, String database) {
        this.dir = dir;
        this.database = database;
    }

    /** Starts PostgreSQL (with database {@code blobpipe_<name>}) and a broker under a new temporary directory. */
    public static ServeCluster start(String name) throws IOException {
        var cluster = new ServeCluster(Files.createTempDirectory("blobpipe-" + name + "-"), "blobpipe_" + name);
        try {
            cluster.postgres = EmbeddedPostgres.start(cluster.dir.resolve("postgres"));
            cluster.postgres.createDatabaseIfMissing(cluster.database);
            cluster.kafka = EmbeddedKafka.start(cluster.dir.resolve("kafka"));
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** What every serve process on this cluster needs, in a new map that a test may add to. */
    public Map<String, String> settings() {
        var settings = new HashMap<String, String>();
        settings.put("serve.kafka.bootstrap.servers", kafka.bootstrapServers());
        settings.put("serve.blobs.root", dir.resolve("blobs").toString());
        settings.put("serve.topics.replication.factor", "1");
        settings.put("serve.chunks.partitions", "2");
        settings.put("catalog.jdbc.url", postgres.jdbcUrl(database));
        settings.put("stats.state.dir", dir.resolve("stats").toString());
        settings.put("ingest.port", "0");
        return settings;
    }

    /** Stops the broker, then PostgreSQL, and deletes the directory, each even if one before failed. */
    @Override
    public void close() throws IOException {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            try {
                if (postgres != null) {
                    postgres.close();
                }
            } finally {
                TempDirs.deleteQuietly(dir);
            }
        }
    }
}
