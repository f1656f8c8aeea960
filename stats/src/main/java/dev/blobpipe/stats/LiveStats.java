package dev.blobpipe.stats;

import dev.blobpipe.schemas.Topics;
import dev.blobpipe.stats.internal.SmallRocksDbConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live stats role: two Kafka Streams applications ({@link StatsTopology}) and read-only queries of their state
 * through interactive queries. Queries read this instance's stores only: run one stats instance per cluster (several
 * would each hold part of the buckets, and nothing here merges them). Thread-safe; closing twice is fine.
 */
public final class LiveStats implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveStats.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Buffered records per partition of the upload tracker: each may be a 1 MiB chunk in this heap. */
    private static final int CHUNK_RECORDS_BUFFERED = 1;
    private static final int FETCH_MIN_BYTES = 64 << 10;
    private static final Duration FETCH_MAX_WAIT = Duration.ofMillis(200);
    private static final Duration OBJECTS_COMMIT_INTERVAL = Duration.ofMillis(500);

    private final KafkaStreams objects;
    private final KafkaStreams uploads;
    private final StatsConfig config;
    private final Clock clock;
    private boolean closed;

    private LiveStats(KafkaStreams objects, KafkaStreams uploads, StatsConfig config, Clock clock) {
        this.objects = objects;
        this.uploads = uploads;
        this.config = config;
        this.clock = clock;
    }

    /** Starts both applications; they become queryable once they have restored their state and joined. */
    public static LiveStats start(String bootstrapServers, StatsConfig config, Clock clock) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        var objects = new KafkaStreams(StatsTopology.objects(), objectProperties(bootstrapServers, config));
        var uploads = new KafkaStreams(StatsTopology.uploads(chunkRetention()),
                uploadProperties(bootstrapServers, config));
        var stats = new LiveStats(objects, uploads, config, clock);
        for (KafkaStreams app : List.of(objects, uploads)) {
            // the stats are a side role: a failure makes them unavailable (503) and is logged, the system goes on
            app.setUncaughtExceptionHandler(failure -> {
                log.error("live stats failed, stopping them", failure);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
        }
        objects.start();
        uploads.start();
        log.info("live stats started applicationId={} stateDir={} idleThreshold={}", config.applicationId(),
                config.stateDir(), config.uploadIdleThreshold());
        return stats;
    }

    /** Live objects and bytes of every bucket the stats have seen an object in, by name. */
    public List<BucketCounts> buckets() {
        return query(() -> StatsReader.buckets(objects.store(StoreQueryParameters.fromNameAndType(
                StatsTopology.BUCKET_TOTALS, QueryableStoreTypes.keyValueStore()))));
    }

    /** PUTs and DELETEs per bucket and minute, for the minutes that started within {@code lookback} of now. */
    public List<MinuteCounts> minutes(Duration lookback) {
        Instant now = clock.instant();
        return query(() -> StatsReader.minutes(objects.store(StoreQueryParameters.fromNameAndType(
                StatsTopology.BUCKET_RATES, QueryableStoreTypes.windowStore())), now.minus(lookback), now));
    }

    /** Uploads with chunks but no commit or abort, quiet for longer than the idle threshold. */
    public List<IdleUpload> idleUploads() {
        Instant now = clock.instant();
        return query(() -> StatsReader.idleUploads(uploads.store(StoreQueryParameters.fromNameAndType(
                StatsTopology.UPLOAD_ACTIVITY, QueryableStoreTypes.keyValueStore())), now,
                config.uploadIdleThreshold()));
    }

    public Duration idleThreshold() {
        return config.uploadIdleThreshold();
    }

    /** Whether both applications are running (not starting, restoring or rebalancing). */
    public boolean isRunning() {
        return objects.state() == KafkaStreams.State.RUNNING && uploads.state() == KafkaStreams.State.RUNNING;
    }

    /** Both applications' states, such as {@code objects=RUNNING uploads=REBALANCING}: why they are not running. */
    public String states() {
        return "objects=" + objects.state() + " uploads=" + uploads.state();
    }

    private interface Query<T> {
        T run();
    }

    private static <T> T query(Query<T> query) {
        try {
            return query.run();
        } catch (InvalidStateStoreException e) {
            throw new StatsUnavailableException("live stats are not ready (starting, restoring or rebalancing): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // reverse start order; each close waits for its threads up to the timeout
        if (!uploads.close(CLOSE_TIMEOUT)) {
            log.warn("live stats upload tracker did not stop within timeout={}", CLOSE_TIMEOUT);
        }
        if (!objects.close(CLOSE_TIMEOUT)) {
            log.warn("live stats did not stop within timeout={}", CLOSE_TIMEOUT);
        }
        log.info("live stats stopped");
    }

    /** The chunks topic's retention: an upload tracked longer than that has lost its chunks anyway. */
    static Duration chunkRetention() {
        return Duration.ofMillis(Long.parseLong(Topics.chunksConfig().get("retention.ms")));
    }

    static Properties objectProperties(String bootstrapServers, StatsConfig config) {
        Properties properties = common(bootstrapServers, config);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        // exactly once: a delta applied twice after a crash would leave the counts wrong for good
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 1L << 20);
        // each commit is a transaction over the input, both repartition topics and the changelogs: at Streams'
        // exactly-once default of 100 ms they cost the broker more than the events; a count lags up to one interval
        // per repartition hop
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) OBJECTS_COMMIT_INTERVAL.toMillis());
        properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, SmallRocksDbConfig.class);
        // events are a few hundred bytes; these bound a burst of the larger ones (lifecycle rules, completions)
        properties.put(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, 200);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), 2 << 20);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 256 << 10);
        return properties;
    }

    static Properties uploadProperties(String bootstrapServers, StatsConfig config) {
        Properties properties = common(bootstrapServers, config);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId() + "-uploads");
        // at least once: a chunk counted twice after a crash only overstates an idle upload's bytes
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        // no cache: its entries would keep each chunk's raw bytes in their record context (see StatsTopology.uploads)
        properties.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        // every byte of every upload passes through here: hold one chunk per partition and fetch about one at a time
        properties.put(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, CHUNK_RECORDS_BUFFERED);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 4);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), Topics.MAX_RECORD_BYTES);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 64 << 10);
        // the archiver verifies every chunk; a second CRC pass over every upload byte here only costs CPU
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.CHECK_CRCS_CONFIG), false);
        return properties;
    }

    private static Properties common(String bootstrapServers, StatsConfig config) {
        var properties = new Properties();
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.BUFFER_MEMORY_CONFIG), 4L << 20);
        // stats may lag by a fraction of a second; without these every produce on the write path woke a fetch from
        // each stats consumer, a broker request per few records (the broker was the largest CPU user per small PUT)
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), FETCH_MIN_BYTES);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                (int) FETCH_MAX_WAIT.toMillis());
        return properties;
    }
}
