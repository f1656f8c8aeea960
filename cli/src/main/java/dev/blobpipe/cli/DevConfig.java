package dev.blobpipe.cli;

import dev.blobpipe.schemas.config.ConfigKey;
import dev.blobpipe.schemas.config.ConfigValues;
import java.util.List;

/** Settings of the one-process `dev` mode itself (each role's settings are declared in its own module). */
final class DevConfig {
    static final ConfigKey<Integer> CHUNK_PARTITIONS = ConfigKey.integer("dev.chunks.partitions")
            .defaultValue(4).range(1, 64)
            .doc("Partitions of blobpipe.chunks when dev creates it; uploads spread over them by upload id.");
    static final ConfigKey<Integer> EVENT_PARTITIONS = ConfigKey.integer("dev.events.partitions")
            .defaultValue(2).range(1, 64)
            .doc("Partitions of blobpipe.events when dev creates it.");

    private DevConfig() {
    }

    static List<ConfigKey<?>> keys() {
        return List.of(CHUNK_PARTITIONS, EVENT_PARTITIONS);
    }

    record Values(int chunkPartitions, int eventPartitions) {
    }

    static Values from(ConfigValues values) {
        return new Values(values.get(CHUNK_PARTITIONS), values.get(EVENT_PARTITIONS));
    }
}
