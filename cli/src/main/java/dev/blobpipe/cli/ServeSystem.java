package dev.blobpipe.cli;

import dev.blobpipe.ingest.admin.HealthPort;
import dev.blobpipe.ingest.auth.CredentialStore;
import dev.blobpipe.schemas.config.ConfigValues;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * The roles {@code blobpipe serve} runs in this process, against external infrastructure: the Kafka cluster of
 * serve.kafka.bootstrap.servers (missing topics created first), the PostgreSQL of catalog.jdbc.url and the shared
 * blob root of serve.blobs.root. With serve.health.port set, a {@link HealthPort} answers {@code /admin/health} for
 * the roles of this process (whatever they are), besides the S3 port's when ingest-api is one of them.
 */
public final class ServeSystem implements AutoCloseable {
    /** Where the live stats keep their state when stats.state.dir is unset: rebuilt from Kafka if lost. */
    static final Path DEFAULT_STATS_DIR = Path.of("blobpipe-stats");

    private final RoleSet roles;
    private final HealthPort health;

    private ServeSystem(RoleSet roles, HealthPort health) {
        this.roles = roles;
        this.health = health;
    }

    /**
     * Starts {@code roles}; {@code settings} must have passed {@link Settings#validated}; {@code credentials} may be
     * null only without ingest-api. A setting the roles need but lack fails with a ConfigException before anything
     * starts.
     */
    public static ServeSystem start(Set<Role> roles, CredentialStore credentials, ConfigValues settings)
            throws IOException {
        ServeConfig.Values serve = ServeConfig.from(settings, roles);
        try {
            TopicSetup.ensure(serve.kafkaBootstrapServers(), serve.chunkPartitions(), serve.replicationFactor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating topics", e);
        }
        var infrastructure = new RoleSet.Infrastructure(serve.kafkaBootstrapServers(), serve.blobRoot(),
                DEFAULT_STATS_DIR.toAbsolutePath());
        RoleSet started = RoleSet.start(roles, infrastructure, credentials, settings);
        if (serve.healthPort() == null) {
            return new ServeSystem(started, null);
        }
        try {
            // last, so that it answers for every role of the process, and first to close
            return new ServeSystem(started, HealthPort.start(serve.healthHost(), serve.healthPort(),
                    started.healthChecks()));
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** The S3 API's address; null when ingest-api is not among the roles. */
    public URI endpoint() {
        return roles.endpoint();
    }

    /** The health port's address; null when serve.health.port is unset. */
    public URI healthEndpoint() {
        return health == null ? null : health.endpoint();
    }

    public Set<Role> roles() {
        return roles.roles();
    }

    /** Stops the health port, then the roles in reverse start order; a second call does nothing. */
    @Override
    public void close() {
        try {
            if (health != null) {
                health.close();
            }
        } finally {
            roles.close();
        }
    }
}
