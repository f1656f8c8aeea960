package dev.blobpipe.schemas.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One setting, declared once: name, value type, default, validation rule and a one-sentence doc. Each module declares
 * its keys in one {@code …Config} class; cli gathers them all, parses flags, environment and file against them, and
 * prints {@code --help} from the same definitions. Immutable: the builder-style methods return new keys.
 */
public final class ConfigKey<T> {
    private final String name;
    private final String typeName;
    private final Function<String, T> parser;
    private final T defaultValue;
    private final Predicate<T> rule;
    private final String ruleText;
    private final String doc;
    private final boolean secret;

    private ConfigKey(String name, String typeName, Function<String, T> parser, T defaultValue, Predicate<T> rule,
            String ruleText, String doc, boolean secret) {
        this.name = Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9]*(\\.[a-z0-9]+)+")) {
            throw new IllegalArgumentException("config keys are lower-case and dotted: " + name);
        }
        this.typeName = typeName;
        this.parser = parser;
        this.defaultValue = defaultValue;
        this.rule = rule;
        this.ruleText = ruleText;
        this.doc = doc;
        this.secret = secret;
    }

    public static ConfigKey<String> string(String name) {
        return new ConfigKey<>(name, "string", raw -> raw, null, value -> true, "", "", false);
    }

    public static ConfigKey<Integer> integer(String name) {
        return new ConfigKey<>(name, "int", Integer::valueOf, null, value -> true, "", "", false);
    }

    public static ConfigKey<Long> bytes(String name) {
        return new ConfigKey<>(name, "bytes", Long::valueOf, null, value -> true, "", "", false);
    }

    public static ConfigKey<Duration> duration(String name) {
        return new ConfigKey<>(name, "duration (ISO-8601 like PT30S, or milliseconds)", ConfigKey::parseDuration, null,
                value -> !value.isNegative(), "not negative", "", false);
    }

    public static ConfigKey<Path> path(String name) {
        return new ConfigKey<>(name, "path", Path::of, null, value -> true, "", "", false);
    }

    public static ConfigKey<Boolean> bool(String name) {
        return new ConfigKey<>(name, "boolean", ConfigKey::parseBoolean, null, value -> true, "", "", false);
    }

    public ConfigKey<T> defaultValue(T value) {
        return new ConfigKey<>(name, typeName, parser, value, rule, ruleText, doc, secret);
    }

    public ConfigKey<T> doc(String text) {
        return new ConfigKey<>(name, typeName, parser, defaultValue, rule, ruleText, text, secret);
    }

    /** Values are masked wherever they are printed. */
    public ConfigKey<T> secret() {
        return new ConfigKey<>(name, typeName, parser, defaultValue, rule, ruleText, doc, true);
    }

    public ConfigKey<T> validate(Predicate<T> check, String description) {
        return new ConfigKey<>(name, typeName, parser, defaultValue, rule.and(check), description, doc, secret);
    }

    /** Accepts only values from min to max inclusive. */
    public <N extends Comparable<N>> ConfigKey<T> range(N min, N max) {
        @SuppressWarnings("unchecked")
        Predicate<T> inRange = value -> ((N) value).compareTo(min) >= 0 && ((N) value).compareTo(max) <= 0;
        return validate(inRange, "from " + min + " to " + max);
    }

    /** The typed, validated value of {@code raw}, or the default when raw is null. */
    public T parse(String raw) {
        if (raw == null) {
            return defaultValue;
        }
        T value;
        try {
            value = parser.apply(raw.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(this, raw, "must be a " + typeName);
        }
        if (!rule.test(value)) {
            throw new ConfigException(this, raw, "must be " + ruleText);
        }
        return value;
    }

    public String name() {
        return name;
    }

    public String typeName() {
        return typeName;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    public boolean isSecret() {
        return secret;
    }

    /** How a value of this key may be printed: secrets masked. */
    public String display(Object value) {
        if (value == null) {
            return "(none)";
        }
        return secret ? "****" : value.toString();
    }

    private static Duration parseDuration(String raw) {
        if (raw.chars().allMatch(Character::isDigit)) {
            return Duration.ofMillis(Long.parseLong(raw));
        }
        return Duration.parse(raw);
    }

    private static Boolean parseBoolean(String raw) {
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.valueOf(raw);
        }
        throw new IllegalArgumentException(raw);
    }

    @Override
    public String toString() {
        return name;
    }
}
