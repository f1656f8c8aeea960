package dev.blobpipe.cli;

import dev.blobpipe.schemas.config.ConfigException;
import dev.blobpipe.schemas.config.ConfigKey;
import dev.blobpipe.schemas.config.ConfigValues;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Settings of {@code blobpipe serve}: where the external infrastructure is (PostgreSQL is the catalog's own
 * catalog.jdbc.* keys) and how serve creates missing topics. {@code dev} ignores them: it runs its own.
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

    private ServeConfig() {
    }

    static List<ConfigKey<?>> keys() {
        return List.of(KAFKA_BOOTSTRAP_SERVERS, BLOBS_ROOT, TOPICS_REPLICATION_FACTOR, CHUNK_PARTITIONS);
    }

    /** Typed serve settings; {@code blobRoot} is null when no role started needs blobs. */
    record Values(String kafkaBootstrapServers, Path blobRoot, short replicationFactor, int chunkPartitions) {
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
                values.get(CHUNK_PARTITIONS));
    }

    private static ConfigException missing(ConfigKey<?> key) {
        return new ConfigException("missing setting " + key.name() + ": " + key.doc());
    }
}
