package dev.blobpipe.compactor;

import dev.blobpipe.schemas.config.ConfigKey;
import dev.blobpipe.schemas.config.ConfigValues;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The compactor's settings: its keys, declared once, and the validated values it runs with. */
public record CompactorConfig(Duration gcGrace, Duration multipartExpiry, Duration interval, int nodeId,
        int batchSize, Duration segmentMinAge, double segmentLiveRatio, long segmentBytes, Duration indexerWait) {

    public static final ConfigKey<Duration> GC_GRACE = ConfigKey.duration("compactor.gc.grace")
            .defaultValue(Duration.ofMinutes(15))
            .doc("How long a dead blob is kept after the catalog recorded it dead, so reads already in flight finish"
                    + " (parts of aborted multipart uploads are collected at the next sweep without it).");
    public static final ConfigKey<Duration> MULTIPART_EXPIRY = ConfigKey.duration("compactor.multipart.expiry")
            .defaultValue(Duration.ofDays(7))
            .validate(value -> !value.isZero(), "positive")
            .doc("A multipart upload still open this long after it was initiated is aborted, and its parts collected.");
    public static final ConfigKey<Duration> INTERVAL = ConfigKey.duration("compactor.interval")
            .defaultValue(Duration.ofMinutes(1))
            .validate(value -> value.toMillis() >= 1, "at least 1 ms")
            .doc("Time between the end of one compactor sweep and the start of the next.");
    public static final ConfigKey<Integer> NODE_ID = ConfigKey.integer("compactor.node.id")
            .defaultValue(0xFFFF)
            .range(0, 0xFFFF)
            .doc("The compactor's id in the version ids of the events it publishes; must differ from every"
                    + " ingest.node.id of the cluster.");
    public static final ConfigKey<Integer> BATCH_SIZE = ConfigKey.integer("compactor.batch.size")
            .defaultValue(500)
            .range(1, 10_000)
            .doc("Dead blobs, or stale multipart uploads, the compactor reads from the catalog in one query.");

    public static final ConfigKey<Duration> SEGMENT_MIN_AGE = ConfigKey.duration("compactor.segment.min.age")
            .defaultValue(Duration.ofHours(1))
            .validate(value -> !value.isZero(), "positive")
            .doc("A pack segment is compacted or deleted only once it has not been written for this long; keep it above"
                    + " archiver.pack.segment.idle plus the Kafka transaction timeout, so no writer appends to it or"
                    + " publishes a reference to it any more.");
    /** A string key parsed as a number: the config model has no decimal key type yet. */
    public static final ConfigKey<String> SEGMENT_LIVE_RATIO = ConfigKey.string("compactor.segment.live.ratio")
            .defaultValue("0.5")
            .validate(CompactorConfig::isRatio, "a number from 0 to 1")
            .doc("A quiet pack segment whose live bytes are below this share of its size is rewritten (0: never).");
    public static final ConfigKey<Long> SEGMENT_BYTES = ConfigKey.bytes("compactor.segment.bytes")
            .defaultValue(256L << 20)
            .range(64L << 10, 4L << 30)
            .doc("The compactor seals a segment it writes, and starts a new one, once it reaches this size.");
    public static final ConfigKey<Duration> INDEXER_WAIT = ConfigKey.duration("compactor.indexer.wait")
            .defaultValue(Duration.ofSeconds(30))
            .validate(value -> !value.isZero() && !value.isNegative(), "positive")
            .doc("A sweep deletes and rewrites only once the indexer has applied every event published before the"
                    + " sweep began (a reference still in the events topic would not be seen). It waits for that while"
                    + " the indexer moves; if the indexer stands still this long, deleting and rewriting wait for a"
                    + " later sweep (expiries still run).");

    public CompactorConfig {
        Objects.requireNonNull(gcGrace, "gcGrace");
        Objects.requireNonNull(multipartExpiry, "multipartExpiry");
        Objects.requireNonNull(interval, "interval");
        if (gcGrace.isNegative() || multipartExpiry.isZero() || multipartExpiry.isNegative() || interval.isZero()
                || interval.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, expiry and interval must be positive");
        }
        if (nodeId < 0 || nodeId > 0xFFFF || batchSize < 1) {
            throw new IllegalArgumentException("node id must be 0..65535 and batch size positive");
        }
        Objects.requireNonNull(segmentMinAge, "segmentMinAge");
        Objects.requireNonNull(indexerWait, "indexerWait");
        if (segmentMinAge.isZero() || segmentMinAge.isNegative() || !(segmentLiveRatio >= 0 && segmentLiveRatio <= 1)
                || segmentBytes < 1 || indexerWait.isZero() || indexerWait.isNegative()) {
            throw new IllegalArgumentException("segment min age, bytes and indexer wait must be positive, live ratio"
                    + " from 0 to 1");
        }
    }

    /** Reads every compactor key from {@code values} (defaults where absent), failing on the first broken rule. */
    public static CompactorConfig from(ConfigValues values) {
        return new CompactorConfig(values.get(GC_GRACE), values.get(MULTIPART_EXPIRY), values.get(INTERVAL),
                values.get(NODE_ID), values.get(BATCH_SIZE), values.get(SEGMENT_MIN_AGE),
                Double.parseDouble(values.get(SEGMENT_LIVE_RATIO)), values.get(SEGMENT_BYTES), values.get(INDEXER_WAIT));
    }

    public static CompactorConfig defaults() {
        return from(ConfigValues.empty());
    }

    /** Every key the compactor reads, for cli's help and unknown-key check. */
    public static List<ConfigKey<?>> keys() {
        return List.of(GC_GRACE, MULTIPART_EXPIRY, INTERVAL, NODE_ID, BATCH_SIZE, SEGMENT_MIN_AGE, SEGMENT_LIVE_RATIO,
                SEGMENT_BYTES, INDEXER_WAIT);
    }

    private static boolean isRatio(String value) {
        try {
            double ratio = Double.parseDouble(value);
            return ratio >= 0 && ratio <= 1;
        } catch (NumberFormatException e) {
            return false; // not a number: the rule's text says what is expected
        }
    }
}
