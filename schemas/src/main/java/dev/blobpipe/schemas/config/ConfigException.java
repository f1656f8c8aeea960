package dev.blobpipe.schemas.config;

/** A setting's value broke its key's rule; the message names the key, the value (masked if secret) and the rule. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(ConfigKey<?> key, String rawValue, String rule) {
        super(key.name() + "=" + (key.isSecret() ? "****" : rawValue) + ": " + rule);
    }

    public ConfigException(String message) {
        super(message);
    }
}
