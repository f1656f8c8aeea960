package dev.blobpipe.cli;

import dev.blobpipe.archiver.ArchiverConfig;
import dev.blobpipe.catalog.CatalogConfig;
import dev.blobpipe.compactor.CompactorConfig;
import dev.blobpipe.ingest.IngestConfig;
import dev.blobpipe.ingest.upload.UploadConfig;
import dev.blobpipe.schemas.config.ConfigKey;
import dev.blobpipe.stats.StatsConfig;
import dev.blobpipe.schemas.config.ConfigValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every setting of every role, gathered in one place so that all are validated before anything starts. */
final class Settings {
    private Settings() {
    }

    static List<ConfigKey<?>> allKeys() {
        List<ConfigKey<?>> keys = new ArrayList<>();
        keys.addAll(DevConfig.keys());
        keys.addAll(ServeConfig.keys());
        keys.addAll(IngestConfig.keys());
        keys.addAll(UploadConfig.keys());
        keys.addAll(ArchiverConfig.keys());
        keys.addAll(CatalogConfig.keys());
        keys.addAll(CompactorConfig.keys());
        keys.addAll(StatsConfig.keys());
        keys.addAll(InventoryConfig.keys());
        return List.copyOf(keys);
    }

    /** The settings, once every key is known and every value passes its key's rule; else a ConfigException. */
    static ConfigValues validated(Map<String, String> raw) {
        var values = new ConfigValues(raw);
        List<ConfigKey<?>> keys = allKeys();
        values.requireOnlyKnown(keys);
        keys.forEach(values::get);
        return values;
    }
}
