package dev.blobpipe.catalog;

import dev.blobpipe.schemas.config.ConfigException;
import dev.blobpipe.schemas.config.ConfigKey;
import dev.blobpipe.schemas.config.ConfigValues;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The catalog's settings: where PostgreSQL is and how the indexer and the visibility waiter behave. */
public final class CatalogConfig {
    public static final ConfigKey<String> JDBC_URL = ConfigKey.string("catalog.jdbc.url")
            .doc("JDBC URL of the catalog's PostgreSQL database (UTF8 encoding), e.g. jdbc:postgresql://host/blobpipe.");
    public static final ConfigKey<String> JDBC_USER = ConfigKey.string("catalog.jdbc.user")
            .defaultValue("postgres")
            .doc("User the catalog connects to PostgreSQL as.");
    public static final ConfigKey<String> JDBC_PASSWORD = ConfigKey.string("catalog.jdbc.password")
            .defaultValue("")
            .secret()
            .doc("Password of catalog.jdbc.user.");
    public static final ConfigKey<Integer> POOL_SIZE = ConfigKey.integer("catalog.pool.size")
            .defaultValue(8)
            .range(1, 128)
            .doc("Connections in the catalog's pool (reads and the indexer); the visibility waiter holds one more.");
    public static final ConfigKey<Duration> INDEXER_POLL_TIMEOUT = ConfigKey.duration("catalog.indexer.poll.timeout")
            .defaultValue(Duration.ofMillis(500))
            .validate(value -> !value.isZero(), "positive")
            .doc("Longest the indexer waits in one poll of the events topic.");
    public static final ConfigKey<String> INDEXER_INSTANCE_ID = ConfigKey.string("catalog.indexer.instance.id")
            .defaultValue("1")
            .validate(value -> value.matches("[A-Za-z0-9._-]{1,64}"), "1-64 of [A-Za-z0-9._-]")
            .doc("Stable id of this indexer in its consumer group, unique per catalog process: a restarted indexer "
                    + "takes its partitions back at once instead of after the group's session timeout.");
    public static final ConfigKey<Duration> RETRY_BACKOFF_MAX = ConfigKey.duration("catalog.retry.backoff.max")
            .defaultValue(Duration.ofSeconds(5))
            .validate(value -> !value.isZero(), "positive")
            .doc("Longest pause between retries while PostgreSQL is unreachable (indexer and visibility waiter).");

    private CatalogConfig() {
    }

    public static List<ConfigKey<?>> keys() {
        return List.of(JDBC_URL, JDBC_USER, JDBC_PASSWORD, POOL_SIZE, INDEXER_POLL_TIMEOUT, INDEXER_INSTANCE_ID,
                RETRY_BACKOFF_MAX);
    }

    /** Typed values of the catalog's keys. */
    public record Values(String jdbcUrl, String jdbcUser, String jdbcPassword, int poolSize,
            Duration indexerPollTimeout, String indexerInstanceId, Duration retryBackoffMax) {
        public Values {
            Objects.requireNonNull(indexerInstanceId, "indexerInstanceId");
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(jdbcUser, "jdbcUser");
            Objects.requireNonNull(jdbcPassword, "jdbcPassword");
            Objects.requireNonNull(indexerPollTimeout, "indexerPollTimeout");
            Objects.requireNonNull(retryBackoffMax, "retryBackoffMax");
        }

        /** Values for {@code jdbcUrl} with every other key at its default. */
        public static Values defaults(String jdbcUrl, String jdbcUser, String jdbcPassword) {
            return new Values(jdbcUrl, jdbcUser, jdbcPassword, POOL_SIZE.defaultValue(),
                    INDEXER_POLL_TIMEOUT.defaultValue(), INDEXER_INSTANCE_ID.defaultValue(),
                    RETRY_BACKOFF_MAX.defaultValue());
        }

        public static Values from(ConfigValues config) {
            String url = config.get(JDBC_URL);
            if (url == null) {
                throw new ConfigException("missing setting " + JDBC_URL.name() + ": " + JDBC_URL.doc());
            }
            return new Values(url, config.get(JDBC_USER), config.get(JDBC_PASSWORD), config.get(POOL_SIZE),
                    config.get(INDEXER_POLL_TIMEOUT), config.get(INDEXER_INSTANCE_ID), config.get(RETRY_BACKOFF_MAX));
        }

        @Override
        public String toString() {
            return "CatalogConfig.Values[jdbcUrl=" + jdbcUrl + ", jdbcUser=" + jdbcUser + ", jdbcPassword="
                    + JDBC_PASSWORD.display(jdbcPassword) + ", poolSize=" + poolSize + ", indexerPollTimeout="
                    + indexerPollTimeout + ", retryBackoffMax=" + retryBackoffMax + "]";
        }
    }
}
