package dev.blobpipe.cli;

import dev.blobpipe.schemas.config.ConfigException;
import dev.blobpipe.schemas.config.ConfigKey;
import dev.blobpipe.schemas.config.ConfigValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the scheduled Parquet inventory (the S3 Inventory analogue): which buckets are exported into which
 * bucket, and how often. Runs with the ingest-api role, which can both read the catalog and store objects.
 */
final class InventoryConfig {
    static final ConfigKey<String> BUCKETS = ConfigKey.string("inventory.buckets")
            .defaultValue("")
            .doc("Buckets to inventory, as SOURCE=DESTINATION pairs separated by commas (empty: none); each export is"
                    + " stored in DESTINATION under inventory.prefix as <prefix><source>/<time>.parquet.");
    static final ConfigKey<Duration> INTERVAL = ConfigKey.duration("inventory.interval")
            .defaultValue(Duration.ofDays(1))
            .validate(value -> value.toSeconds() >= 1, "at least 1 s")
            .doc("Time between two scheduled inventories of the same buckets (the first one runs one interval after"
                    + " start).");
    static final ConfigKey<String> PREFIX = ConfigKey.string("inventory.prefix")
            .defaultValue("inventory/")
            .doc("Key prefix of the inventory files in the destination buckets.");

    private InventoryConfig() {
    }

    static List<ConfigKey<?>> keys() {
        return List.of(BUCKETS, INTERVAL, PREFIX);
    }

    /** One inventory: the live objects of {@code source}, stored as a Parquet file in {@code destination}. */
    record Target(String source, String destination) {
    }

    record Values(List<Target> targets, Duration interval, String prefix) {
        Values {
            targets = List.copyOf(targets);
        }
    }

    static Values from(ConfigValues values) {
        List<Target> targets = new ArrayList<>();
        for (String pair : values.get(BUCKETS).split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] sides = pair.trim().split("=", -1);
            if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
                throw new ConfigException("inventory.buckets: '" + pair.trim() + "' is not SOURCE=DESTINATION");
            }
            targets.add(new Target(sides[0].trim(), sides[1].trim()));
        }
        return new Values(targets, values.get(INTERVAL), values.get(PREFIX));
    }
}
