package dev.blobpipe.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a running {@code blobpipe dev} can be reached: written to {@code <data-dir>/runtime.properties} once every
 * role serves, so that {@code blobpipe admin …} commands given the same data dir talk to its PostgreSQL, broker and
 * blob directory (the embedded PostgreSQL and broker listen on ports chosen at start).
 */
public record DevRuntime(String jdbcUrl, String kafkaBootstrapServers, Path blobRoot, URI endpoint) {
    static final String FILE_NAME = "runtime.properties";

    public DevRuntime {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(blobRoot, "blobRoot");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** Writes the file atomically (temp file, then rename), so a reader never sees half of it. */
    void write(Path dataDir) throws IOException {
        var properties = new Properties();
        properties.setProperty("catalog.jdbc.url", jdbcUrl);
        properties.setProperty("kafka.bootstrap.servers", kafkaBootstrapServers);
        properties.setProperty("blobs.root", blobRoot.toString());
        properties.setProperty("endpoint", endpoint.toString());
        Path temp = dataDir.resolve(FILE_NAME + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            properties.store(out, "blobpipe dev: where the running system is; rewritten at each start");
        }
        Files.move(temp, dataDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads what the last {@code blobpipe dev} on {@code dataDir} wrote; fails clearly if none ever ran there. */
    public static DevRuntime read(Path dataDir) throws IOException {
        var properties = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new IOException("no blobpipe dev has run on " + dataDir + " (no " + FILE_NAME + "); start one with"
                    + " `blobpipe dev --data-dir " + dataDir + "`", e);
        }
        return new DevRuntime(required(properties, "catalog.jdbc.url"), required(properties, "kafka.bootstrap.servers"),
                Path.of(required(properties, "blobs.root")), URI.create(required(properties, "endpoint")));
    }

    private static String required(Properties properties, String name) throws IOException {
        String value = properties.getProperty(name);
        if (value == null) {
            throw new IOException(FILE_NAME + " lacks " + name);
        }
        return value;
    }
}
