package dev.blobpipe.ingest;

import dev.blobpipe.ingest.s3.BucketName;
import dev.blobpipe.schemas.config.ConfigKey;
import dev.blobpipe.schemas.config.ConfigValues;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** The settings of the HTTP front door (ingest.* keys other than the write path's, which UploadConfig declares). */
public final class IngestConfig {

    public static final ConfigKey<String> HOST = ConfigKey.string("ingest.host")
            .defaultValue("127.0.0.1")
            .doc("Address the S3 API listens on (0.0.0.0 for every interface).");

    public static final ConfigKey<Integer> PORT = ConfigKey.integer("ingest.port")
            .defaultValue(9000)
            .range(0, 65535)
            .doc("TCP port of the S3 API; 0 picks a free port.");

    // Jetty needs a few threads for its acceptor and selectors besides the ones serving requests.
    public static final ConfigKey<Integer> HTTP_THREADS = ConfigKey.integer("ingest.http.threads")
            .defaultValue(100)
            .range(16, 10_000)
            .doc("Maximum threads serving HTTP requests; each upload or download holds one while it streams.");

    public static final ConfigKey<Duration> HTTP_IDLE_TIMEOUT = ConfigKey.duration("ingest.http.idle.timeout")
            .defaultValue(Duration.ofSeconds(30))
            .doc("A connection that neither sends nor accepts bytes for this long is closed.");

    public static final ConfigKey<Duration> SHUTDOWN_TIMEOUT = ConfigKey.duration("ingest.shutdown.timeout")
            .defaultValue(Duration.ofSeconds(30))
            .doc("How long stopping the S3 API waits for requests in flight to finish.");

    public static final ConfigKey<String> REGION = ConfigKey.string("ingest.region")
            .defaultValue("us-east-1")
            .validate(value -> !value.isBlank(), "not blank")
            .doc("Region reported for buckets created without a LocationConstraint.");

    public static final ConfigKey<String> VIRTUAL_HOST_DOMAINS = ConfigKey.string("ingest.virtual.host.domains")
            .defaultValue("localhost")
            .doc("Comma-separated domains for virtual-host style requests (bucket.domain); empty: path style only.");

    public static final ConfigKey<String> OWNER_ID = ConfigKey.string("ingest.owner.id")
            .defaultValue("blobpipe")
            .validate(value -> !value.isBlank(), "not blank")
            .doc("Canonical user id shown as owner of every bucket and object.");

    public static final ConfigKey<String> OWNER_DISPLAY_NAME = ConfigKey.string("ingest.owner.display.name")
            .defaultValue("blobpipe")
            .doc("Display name shown as owner of every bucket and object.");

    // A setting rather than a bucket configuration event: it changes only when a PUT answers, never what is stored,
    // so it need not be in the catalog; every ingest-api instance must be given the same list.
    public static final ConfigKey<String> DURABLE_ACK_BUCKETS = ConfigKey.string("ingest.ack.durable.buckets")
            .defaultValue("")
            .validate(raw -> names(raw).stream().allMatch(BucketName::isValid), "comma-separated bucket names")
            .doc("Comma-separated buckets whose PutObject answers once Kafka holds it (x-blobpipe-ack: durable)"
                    + " unless the request's x-blobpipe-ack says otherwise; empty: every bucket waits for visibility.");

    private IngestConfig() {
    }

    /** The front door's settings, validated. */
    public record Values(
            String host,
            int port,
            int httpThreads,
            Duration idleTimeout,
            Duration shutdownTimeout,
            String region,
            List<String> virtualHostDomains,
            String ownerId,
            String ownerDisplayName,
            Set<String> durableAckBuckets) {

        public Values {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
            Objects.requireNonNull(region, "region");
            virtualHostDomains = List.copyOf(virtualHostDomains);
            Objects.requireNonNull(ownerId, "ownerId");
            Objects.requireNonNull(ownerDisplayName, "ownerDisplayName");
            durableAckBuckets = Set.copyOf(durableAckBuckets);
        }
    }

    public static List<ConfigKey<?>> keys() {
        return List.of(HOST, PORT, HTTP_THREADS, HTTP_IDLE_TIMEOUT, SHUTDOWN_TIMEOUT, REGION, VIRTUAL_HOST_DOMAINS,
                OWNER_ID, OWNER_DISPLAY_NAME, DURABLE_ACK_BUCKETS);
    }

    public static Values from(ConfigValues values) {
        return new Values(
                values.get(HOST),
                values.get(PORT),
                values.get(HTTP_THREADS),
                values.get(HTTP_IDLE_TIMEOUT),
                values.get(SHUTDOWN_TIMEOUT),
                values.get(REGION),
                domains(values.get(VIRTUAL_HOST_DOMAINS)),
                values.get(OWNER_ID),
                values.get(OWNER_DISPLAY_NAME),
                Set.copyOf(names(values.get(DURABLE_ACK_BUCKETS))));
    }

    private static List<String> names(String raw) {
        return Arrays.stream(raw.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .toList();
    }

    private static List<String> domains(String raw) {
        return Arrays.stream(raw.split(","))
                .map(domain -> domain.trim().toLowerCase(Locale.ROOT))
                .filter(domain -> !domain.isEmpty())
                .toList();
    }
}
