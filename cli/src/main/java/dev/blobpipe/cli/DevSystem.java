package dev.blobpipe.cli;

import dev.blobpipe.catalog.CatalogConfig;
import dev.blobpipe.embedded.EmbeddedKafka;
import dev.blobpipe.embedded.EmbeddedPostgres;
import dev.blobpipe.ingest.auth.CredentialStore;
import dev.blobpipe.schemas.config.ConfigException;
import dev.blobpipe.schemas.config.ConfigValues;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every role of blobpipe in one process on embedded infrastructure, under one data directory: PostgreSQL in
 * {@code postgres/}, the Kafka broker in {@code kafka/}, blobs in {@code blobs/}, live stats state in {@code stats/}.
 * Started bottom-up, closed in reverse.
 */
public final class DevSystem implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DevSystem.class);
    private static final String DATABASE = "blobpipe";

    private final StartedComponents started = new StartedComponents();
    private URI endpoint;
    private String kafkaBootstrapServers;
    private boolean closed;

    private DevSystem() {
    }

    /** Starts everything; {@code settings} must have passed {@link Settings#validated}. */
    public static DevSystem start(Path dataDir, String accessKey, String secretKey, ConfigValues settings)
            throws IOException {
        if (settings.get(CatalogConfig.JDBC_URL) != null) {
            throw new ConfigException("catalog.jdbc.url cannot be set for dev: dev runs its own PostgreSQL");
        }
        // the health port too: dev's S3 port answers /admin/health, and a silently ignored setting misleads
        for (var key : List.of(ServeConfig.KAFKA_BOOTSTRAP_SERVERS, ServeConfig.BLOBS_ROOT, ServeConfig.HEALTH_PORT)) {
            if (settings.get(key) != null) {
                throw new ConfigException(key.name() + " cannot be set for dev: it is a setting of serve");
            }
        }
        var system = new DevSystem();
        try {
            system.startAll(dataDir, accessKey, secretKey, settings);
            return system;
        } catch (IOException | RuntimeException e) {
            system.close();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            system.close();
            throw new IOException("interrupted while starting", e);
        }
    }

    private void startAll(Path dataDir, String accessKey, String secretKey, ConfigValues settings)
            throws IOException, InterruptedException {
        DevConfig.Values dev = DevConfig.from(settings);

        EmbeddedPostgres postgres = own(EmbeddedPostgres.start(dataDir.resolve("postgres")));
        postgres.createDatabaseIfMissing(DATABASE);
        EmbeddedKafka kafka = own(EmbeddedKafka.start(dataDir.resolve("kafka")));
        String bootstrap = kafka.bootstrapServers();
        kafkaBootstrapServers = bootstrap;
        TopicSetup.ensure(bootstrap, dev.chunkPartitions(), (short) 1);

        String jdbcUrl = postgres.jdbcUrl(DATABASE);
        RoleSet roles = own(RoleSet.start(EnumSet.allOf(Role.class),
                new RoleSet.Infrastructure(bootstrap, dataDir.resolve("blobs"), dataDir.resolve("stats")),
                CredentialStore.single(accessKey, secretKey), settings.with(CatalogConfig.JDBC_URL.name(), jdbcUrl)));
        endpoint = roles.endpoint();
        new DevRuntime(jdbcUrl, bootstrap, dataDir.resolve("blobs"), endpoint).write(dataDir);
        log.info("blobpipe dev started endpoint={} dataDir={}", endpoint, dataDir);
    }

    private <T extends AutoCloseable> T own(T component) {
        return started.own(component);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The in-process broker's address, for tools and tests that look at the topics. */
    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** Stops every role in reverse start order; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        started.closeAll();
        log.info("blobpipe dev stopped");
    }
}
