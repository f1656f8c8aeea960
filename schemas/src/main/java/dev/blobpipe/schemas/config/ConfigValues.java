package dev.blobpipe.schemas.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Raw settings by key name, read against declared keys. {@link #requireOnlyKnown} makes unknown keys an error, so a
 * misspelt setting fails at start instead of being ignored.
 */
public final class ConfigValues {
    private final Map<String, String> raw;

    public ConfigValues(Map<String, String> raw) {
        this.raw = Map.copyOf(raw);
    }

    public static ConfigValues empty() {
        return new ConfigValues(Map.of());
    }

    public <T> T get(ConfigKey<T> key) {
        return key.parse(raw.get(key.name()));
    }

    public ConfigValues with(String name, String value) {
        var copy = new HashMap<>(raw);
        copy.put(name, value);
        return new ConfigValues(copy);
    }

    public void requireOnlyKnown(Collection<ConfigKey<?>> known) {
        Set<String> unknown = new TreeSet<>(raw.keySet());
        known.forEach(key -> unknown.remove(key.name()));
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown setting(s): " + String.join(", ", unknown));
        }
    }
}
