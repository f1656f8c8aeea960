package dev.blobpipe.stats;

import dev.blobpipe.schemas.config.ConfigKey;
import dev.blobpipe.schemas.config.ConfigValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The live stats role's settings: its keys, declared once, and the validated values it runs with. */
public record StatsConfig(boolean enabled, String applicationId, Path stateDir, Duration uploadIdleThreshold) {

    public static final ConfigKey<Boolean> ENABLED = ConfigKey.bool("stats.enabled")
            .defaultValue(true)
            .doc("Whether this process runs the live stats (Kafka Streams over blobpipe.events and blobpipe.chunks).");
    public static final ConfigKey<String> APPLICATION_ID = ConfigKey.string("stats.application.id")
            .defaultValue("blobpipe-stats")
            .validate(value -> value.matches("[A-Za-z0-9._-]{1,200}"), "letters, digits, '.', '_' or '-'")
            .doc("Kafka Streams application id of the live stats (consumer group, prefix of its internal topics);"
                    + " the upload tracker uses it with '-uploads' appended.");
    public static final ConfigKey<Path> STATE_DIR = ConfigKey.path("stats.state.dir")
            .doc("Where the live stats keep their state stores (default: stats/ under the data directory).");
    public static final ConfigKey<Duration> UPLOAD_IDLE_THRESHOLD = ConfigKey.duration("stats.upload.idle.threshold")
            .defaultValue(Duration.ofMinutes(15))
            .validate(value -> !value.isZero(), "positive")
            .doc("An upload with chunks but no commit or abort for this long is reported idle (the archiver aborts"
                    + " it; the stats only report).");

    public StatsConfig {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(uploadIdleThreshold, "uploadIdleThreshold");
        if (uploadIdleThreshold.isZero() || uploadIdleThreshold.isNegative()) {
            throw new IllegalArgumentException("the idle threshold must be positive");
        }
    }

    /** Reads every stats key from {@code values}; {@code defaultStateDir} applies when stats.state.dir is unset. */
    public static StatsConfig from(ConfigValues values, Path defaultStateDir) {
        Path stateDir = values.get(STATE_DIR);
        return new StatsConfig(values.get(ENABLED), values.get(APPLICATION_ID),
                stateDir == null ? defaultStateDir : stateDir, values.get(UPLOAD_IDLE_THRESHOLD));
    }

    /** Every key the stats read, for cli's help and unknown-key check. */
    public static List<ConfigKey<?>> keys() {
        return List.of(ENABLED, APPLICATION_ID, STATE_DIR, UPLOAD_IDLE_THRESHOLD);
    }
}
