package dev.blobpipe.cli;

import dev.blobpipe.ingest.auth.CredentialStore;
import dev.blobpipe.schemas.config.ConfigValues;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * The roles {@code blobpipe serve} runs in this process, against external infrastructure: the Kafka cluster of
 * serve.kafka.bootstrap.servers (missing topics created first), the PostgreSQL of catalog.jdbc.url and the shared
 * blob root of serve.blobs.root.
 */
public final class ServeSystem implements AutoCloseable {
    /** Where the live stats keep their state when stats.state.dir is unset: rebuilt from Kafka if lost. */
    static final Path DEFAULT_STATS_DIR = Path.of("blobpipe-stats");

    private final RoleSet roles;

    private ServeSystem(RoleSet roles) {
        this.roles = roles;
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
        return new ServeSystem(RoleSet.start(roles, infrastructure, credentials, settings));
    }

    /** The S3 API's address; null when ingest-api is not among the roles. */
    public URI endpoint() {
        return roles.endpoint();
    }

    public Set<Role> roles() {
        return roles.roles();
    }

    /** Stops the roles in reverse start order; a second call does nothing. */
    @Override
    public void close() {
        roles.close();
    }
}
