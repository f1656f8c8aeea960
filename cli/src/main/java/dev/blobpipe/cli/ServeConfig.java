package dev.blobpipe.cli;

import dev.blobpipe.schemas.config.ConfigException;
import dev.blobpipe.schemas.config.ConfigKey;
import dev.blobpipe.schemas.config.ConfigValues;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Settings of {@code blobpipe serve}: where the external infrastructure is (PostgreSQL is the catalog's own
 * catalog.jdbc.* keys), how serve creates missing topics, and the optional health port. {@code dev} ignores them but
 * refuses the infrastructure keys and serve.health.port: it runs its own infrastructure, and its S3 port answers
 * health.
 */
final class ServeConfig {
    static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS = ConfigKey.string("serve.kafka.bootstrap.servers")
            .doc("Kafka cluster of serve, host:port[,host:port…]; required by every role.");
    static final ConfigKey<Path> BLOBS_ROOT = ConfigKey.path("serve.blobs.root")
            .doc("Filesystem blob root shared by every serve process (ingest-api, archiver, compactor need it).");
    static final ConfigKey<Integer> TOPICS_REPLICATION_FACTOR = ConfigKey.integer("serve.topics.replication.factor")
            .defaultValue(3).range(1, (int) Short.MAX_VALUE)
            .doc("Replication factor of blobpipe's topics when serve creates them (existing topics are kept).");
    static final ConfigKey<Integer> CHUNK_PARTITIONS = ConfigKey.integer("serve.chunks.partitions")
            .defaultValue(12).range(1, 1024)
            .doc("Partitions of blobpipe.chunks when serve creates it; uploads spread over them by upload id.");
    // Off by default: a process with ingest-api answers /admin/health on the S3 port already, and a port nobody
    // asked for is one more thing to firewall.
    static final ConfigKey<Integer> HEALTH_PORT = ConfigKey.integer("serve.health.port")
            .range(0, 65535)
            .doc("TCP port answering only GET/HEAD /admin/health, for processes without ingest-api; unset: none,"
                    + " 0 picks a free port.");
    static final ConfigKey<String> HEALTH_HOST = ConfigKey.string("serve.health.host")
            .defaultValue("127.0.0.1")
            .doc("Address serve.health.port listens on (0.0.0.0 for every interface).");

    private ServeConfig() {
    }

    static List<ConfigKey<?>> keys() {
        return List.of(KAFKA_BOOTSTRAP_SERVERS, BLOBS_ROOT, TOPICS_REPLICATION_FACTOR, CHUNK_PARTITIONS, HEALTH_PORT,
                HEALTH_HOST);
    }

    /**
     * Typed serve settings; {@code blobRoot} is null when no role started needs blobs, {@code healthPort} null when
     * serve.health.port is unset.
     */
    record Values(String kafkaBootstrapServers, Path blobRoot, short replicationFactor, int chunkPartitions,
            Integer healthPort, String healthHost) {
    }

    /** The serve settings for {@code roles}, failing, before anything starts, on a setting those roles need. */
    static Values from(ConfigValues values, Set<Role> roles) {
        String bootstrap = values.get(KAFKA_BOOTSTRAP_SERVERS);
        if (bootstrap == null || bootstrap.isBlank()) {
            throw missing(KAFKA_BOOTSTRAP_SERVERS);
        }
        Path blobRoot = values.get(BLOBS_ROOT);
        if (blobRoot == null && roles.stream().anyMatch(Role::needsBlobs)) {
            throw missing(BLOBS_ROOT);
        }
        return new Values(bootstrap, blobRoot, values.get(TOPICS_REPLICATION_FACTOR).shortValue(),
                values.get(CHUNK_PARTITIONS), values.get(HEALTH_PORT), values.get(HEALTH_HOST));
    }

    private static ConfigException missing(ConfigKey<?> key) {
        return new ConfigException("missing setting " + key.name() + ": " + key.doc());
    }
}
