package dev.blobpipe.archiver;

import dev.blobpipe.schemas.config.ConfigKey;
import dev.blobpipe.schemas.config.ConfigValues;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The archiver's settings: its keys, declared once, and the validated values it runs with.
 *
 * <p>Fetch sizes default low because in {@code blobpipe dev} the archiver shares a 256 MiB heap with the broker:
 * each poll loop buffers at most {@code archiver.fetch.max.bytes} of chunks.
 */
public record ArchiverConfig(
        String instanceId,
        String groupId,
        int threads,
        Duration uploadIdleTimeout,
        Duration pollTimeout,
        int maxPollRecords,
        long fetchMaxBytes,
        long partitionFetchMaxBytes,
        Duration chunksTrimInterval,
        Duration kafkaTimeout,
        long packThresholdBytes,
        long packSegmentBytes,
        long packBufferBytes,
        Duration packSegmentIdle,
        Duration restartBackoff,
        Duration restartBackoffMax) {

    public static final ConfigKey<String> INSTANCE_ID = ConfigKey.string("archiver.instance.id")
            .defaultValue("1")
            .validate(value -> value.matches("[A-Za-z0-9._-]{1,100}"), "1 to 100 of A-Z a-z 0-9 . _ -")
            .doc("Stable name of this archiver instance; a restarted instance with the same id fences its predecessor"
                    + " at once (it is part of the transactional.id), so no two live archivers may share it.");
    public static final ConfigKey<String> GROUP_ID = ConfigKey.string("archiver.group.id")
            .defaultValue("blobpipe-archiver")
            .validate(value -> !value.isBlank(), "not blank")
            .doc("Kafka consumer group of all archivers; chunk partitions are shared out among its members.");
    public static final ConfigKey<Integer> THREADS = ConfigKey.integer("archiver.threads")
            .defaultValue(1)
            .range(1, 64)
            .doc("Poll loops in this instance, each with its own consumer and transactional producer.");
    public static final ConfigKey<Duration> UPLOAD_IDLE_TIMEOUT = ConfigKey.duration("archiver.upload.idle.timeout")
            .defaultValue(Duration.ofMinutes(15))
            .validate(value -> !value.isZero() && !value.isNegative(), "positive")
            .doc("An upload with no chunk, commit or abort for this long is aborted and its staging data dropped.");
    public static final ConfigKey<Duration> POLL_TIMEOUT = ConfigKey.duration("archiver.poll.timeout")
            .defaultValue(Duration.ofMillis(500))
            .validate(value -> value.toMillis() >= 1 && value.toSeconds() <= 60, "from 1 ms to 60 s")
            .doc("Longest wait for chunks in one poll; also bounds how late idle uploads are noticed and close.");
    public static final ConfigKey<Integer> MAX_POLL_RECORDS = ConfigKey.integer("archiver.max.poll.records")
            .defaultValue(32)
            .range(1, 10_000)
            .doc("Most records handled in one transaction.");
    public static final ConfigKey<Long> FETCH_MAX_BYTES = ConfigKey.bytes("archiver.fetch.max.bytes")
            .defaultValue(8L << 20)
            .range(1L << 20, 1L << 30)
            .doc("Most bytes of chunks one poll loop fetches at once (consumer fetch.max.bytes).");
    public static final ConfigKey<Long> PARTITION_FETCH_MAX_BYTES = ConfigKey.bytes("archiver.partition.fetch.max.bytes")
            .defaultValue(2L << 20)
            .range(64L << 10, 1L << 30)
            .doc("Most bytes of chunks fetched from one partition at once (consumer max.partition.fetch.bytes).");
    public static final ConfigKey<Duration> CHUNKS_TRIM_INTERVAL = ConfigKey.duration("archiver.chunks.trim.interval")
            .defaultValue(Duration.ofSeconds(5))
            .doc("Least time between deletions of archived chunk records from one partition (zero: after each"
                    + " transaction).");
    public static final ConfigKey<Duration> KAFKA_TIMEOUT = ConfigKey.duration("archiver.kafka.timeout")
            .defaultValue(Duration.ofSeconds(60))
            .validate(value -> value.toSeconds() >= 1, "at least 1 s")
            .doc("Longest a blocking Kafka call (offset lookup, transaction commit, close) may take.");

    public static final ConfigKey<Long> PACK_THRESHOLD = ConfigKey.bytes("archiver.pack.threshold.bytes")
            .defaultValue(1L << 20)
            .range(0L, 64L << 20)
            .doc("Objects (and parts) up to this size are appended into pack segments instead of a blob each (0: never).");
    public static final ConfigKey<Long> PACK_SEGMENT_BYTES = ConfigKey.bytes("archiver.pack.segment.bytes")
            .defaultValue(256L << 20)
            .range(64L << 10, 4L << 30)
            .doc("A pack segment is sealed, and a new one started, once it reaches this size.");
    public static final ConfigKey<Long> PACK_BUFFER_BYTES = ConfigKey.bytes("archiver.pack.buffer.bytes")
            .defaultValue(8L << 20)
            .range(0L, 1L << 30)
            .doc("Most bytes of small uploads held in memory until their commit (beyond it they go to staging files"
                    + " first); shared by all poll loops of the instance.");

    public static final ConfigKey<Duration> PACK_SEGMENT_IDLE = ConfigKey.duration("archiver.pack.segment.idle")
            .defaultValue(Duration.ofMinutes(10))
            .validate(value -> !value.isNegative() && value.toHours() < 24, "from 0 to 24 h")
            .doc("A pack segment not appended to for this long is sealed before the next append; keep it well below"
                    + " compactor.segment.min.age, since the compactor rewrites only segments quiet for that long.");

    public static final ConfigKey<Duration> RESTART_BACKOFF = ConfigKey.duration("archiver.restart.backoff")
            .defaultValue(Duration.ofSeconds(1))
            .validate(value -> value.toMillis() >= 1 && value.toHours() < 24, "from 1 ms to 24 h")
            .doc("Wait before restarting a poll loop that stopped on its own (a fenced one is never restarted);"
                    + " doubles with each consecutive failure up to archiver.restart.backoff.max.");
    public static final ConfigKey<Duration> RESTART_BACKOFF_MAX = ConfigKey.duration("archiver.restart.backoff.max")
            .defaultValue(Duration.ofSeconds(30))
            .validate(value -> value.toMillis() >= 1 && value.toHours() < 24, "from 1 ms to 24 h")
            .doc("Longest wait between restarts of a failing poll loop (never below archiver.restart.backoff); a loop"
                    + " that ran this long before failing is restarted after archiver.restart.backoff again.");

    public ArchiverConfig {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(uploadIdleTimeout, "uploadIdleTimeout");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(chunksTrimInterval, "chunksTrimInterval");
        Objects.requireNonNull(kafkaTimeout, "kafkaTimeout");
        Objects.requireNonNull(packSegmentIdle, "packSegmentIdle");
        Objects.requireNonNull(restartBackoff, "restartBackoff");
        Objects.requireNonNull(restartBackoffMax, "restartBackoffMax");
        if (packThresholdBytes < 0 || packSegmentBytes < 1 || packBufferBytes < 0) {
            throw new IllegalArgumentException("pack sizes must not be negative");
        }
        if (threads < 1 || maxPollRecords < 1 || fetchMaxBytes < 1 || partitionFetchMaxBytes < 1) {
            throw new IllegalArgumentException("threads, max poll records and fetch sizes must be positive");
        }
    }

    /** Reads every archiver key from {@code values} (defaults where absent), failing on the first broken rule. */
    public static ArchiverConfig from(ConfigValues values) {
        return new ArchiverConfig(
                values.get(INSTANCE_ID),
                values.get(GROUP_ID),
                values.get(THREADS),
                values.get(UPLOAD_IDLE_TIMEOUT),
                values.get(POLL_TIMEOUT),
                values.get(MAX_POLL_RECORDS),
                values.get(FETCH_MAX_BYTES),
                values.get(PARTITION_FETCH_MAX_BYTES),
                values.get(CHUNKS_TRIM_INTERVAL),
                values.get(KAFKA_TIMEOUT),
                values.get(PACK_THRESHOLD),
                values.get(PACK_SEGMENT_BYTES),
                values.get(PACK_BUFFER_BYTES),
                values.get(PACK_SEGMENT_IDLE),
                values.get(RESTART_BACKOFF),
                values.get(RESTART_BACKOFF_MAX));
    }

    public static ArchiverConfig defaults() {
        return from(ConfigValues.empty());
    }

    /** Every key the archiver reads, for cli's help and unknown-key check. */
    public static List<ConfigKey<?>> keys() {
        return List.of(INSTANCE_ID, GROUP_ID, THREADS, UPLOAD_IDLE_TIMEOUT, POLL_TIMEOUT, MAX_POLL_RECORDS,
                FETCH_MAX_BYTES, PARTITION_FETCH_MAX_BYTES, CHUNKS_TRIM_INTERVAL, KAFKA_TIMEOUT, PACK_THRESHOLD,
                PACK_SEGMENT_BYTES, PACK_BUFFER_BYTES, PACK_SEGMENT_IDLE, RESTART_BACKOFF, RESTART_BACKOFF_MAX);
    }
}
