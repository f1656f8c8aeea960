package dev.blobpipe.cli;

import dev.blobpipe.schemas.config.ConfigKey;
import dev.blobpipe.schemas.config.ConfigValues;
import java.util.List;

/**
 * Settings of the one-process `dev` mode itself (each role's settings are declared in its own module). There is no
 * setting for the partitions of blobpipe.events: it always has exactly one ({@code Topics.EVENTS_PARTITIONS}).
 */
final class DevConfig {
    static final ConfigKey<Integer> CHUNK_PARTITIONS = ConfigKey.integer("dev.chunks.partitions")
            .defaultValue(4).range(1, 64)
            .doc("Partitions of blobpipe.chunks when dev creates it; uploads spread over them by upload id.");

    private DevConfig() {
    }

    static List<ConfigKey<?>> keys() {
        return List.of(CHUNK_PARTITIONS);
    }

    record Values(int chunkPartitions) {
    }

    static Values from(ConfigValues values) {
        return new Values(values.get(CHUNK_PARTITIONS));
    }
}
