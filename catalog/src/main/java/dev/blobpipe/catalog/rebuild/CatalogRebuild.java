package dev.blobpipe.catalog.rebuild;

import dev.blobpipe.catalog.CatalogConfig;
import dev.blobpipe.catalog.CatalogDatabase;
import dev.blobpipe.catalog.EventIndexer;
import dev.blobpipe.catalog.internal.IndexerOffsetDao;
import dev.blobpipe.schemas.Topics;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recreates the catalog from {@code blobpipe.events} alone (DESIGN.md step 4): creates a new database on the running
 * system's PostgreSQL server, migrates it, and runs an {@link EventIndexer} of its own (own consumer group) from the
 * beginning of the topic until it has applied everything up to the end offset taken at the start. The live catalog is
 * never touched. Memory is bounded by the indexer's poll batches; nothing holds the topic or a table.
 *
 * <p>"Applied up to the end" is read from the rebuilt database's {@code indexer_offsets}, which the indexer moves to
 * the offset after the last record of each batch. Transaction markers (the archiver publishes in transactions) and
 * records of aborted transactions take offsets too but are never returned, so the stored offset may stop short of the
 * end: when it stops moving, a probe consumer (read_committed, no group) looks whether any record lies between it and
 * the end; none means done.
 */
public final class CatalogRebuild {
    private static final Logger log = LoggerFactory.getLogger(CatalogRebuild.class);
    private static final String NAME_PREFIX = "blobpipe_rebuild_";
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(100);
    /** The stored offset stood still this long: the indexer may be done, with only markers left before the end. */
    private static final Duration IDLE_BEFORE_PROBE = Duration.ofMillis(500);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    /** The rebuild's indexer writes with one connection; the progress checks read with the other. */
    private static final int POOL_SIZE = 2;

    /**
     * What to rebuild from and into.
     *
     * @param bootstrapServers the running system's Kafka
     * @param topic the events topic ({@link Topics#EVENTS}; tests use their own)
     * @param server the live catalog's settings: the new database goes on the same server, with the same user
     * @param databaseName the new database's name; it must not exist yet
     * @param idleTimeout how long the rebuild may go without progress before it gives up
     */
    public record Settings(String bootstrapServers, String topic, CatalogConfig.Values server, String databaseName,
            Duration idleTimeout) {
        public Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(server, "server");
            DatabaseUrl.requireName(databaseName);
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
            }
        }
    }

    private final Settings settings;

    public CatalogRebuild(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** {@code blobpipe_rebuild_<yyyyMMdd_HHmmss>} in UTC. */
    public static String defaultDatabaseName(Clock clock) {
        return NAME_PREFIX + NAME_TIME.format(clock.instant());
    }

    /**
     * Rebuilds, telling {@code progress} each time the applied offset moves (on the calling thread), and returns when
     * the new database holds every event up to the end offset taken at the start. The database stays afterwards.
     *
     * @throws IllegalStateException if the topic has more than one partition, the database exists, or the rebuild
     *     makes no progress for the idle timeout
     */
    public RebuildResult run(Consumer<RebuildProgress> progress) throws InterruptedException {
        try (KafkaConsumer<byte[], byte[]> probe = new KafkaConsumer<>(probeProperties())) {
            TopicPartition partition = onlyPartition(probe);
            probe.assign(List.of(partition)); // read_committed end offsets are for assigned partitions only
            long start = probe.beginningOffsets(List.of(partition), KAFKA_TIMEOUT).get(partition);
            // read_committed: the last stable offset, so an archiver transaction open right now is not waited for
            long end = probe.endOffsets(List.of(partition), KAFKA_TIMEOUT).get(partition);
            createDatabase();
            String url = DatabaseUrl.withDatabase(settings.server().jdbcUrl(), settings.databaseName());
            log.info("catalog rebuild started database={} topic={} start={} end={}", settings.databaseName(),
                    settings.topic(), start, end);
            CatalogConfig.Values server = settings.server();
            var rebuilt = new CatalogConfig.Values(url, server.jdbcUser(), server.jdbcPassword(), POOL_SIZE,
                    server.indexerPollTimeout(), server.indexerInstanceId(), server.retryBackoffMax());
            try (CatalogDatabase database = CatalogDatabase.open(rebuilt);
                    EventIndexer indexer = new EventIndexer(database, indexerSettings())) {
                progress.accept(new RebuildProgress(start, start, end));
                if (end > start) {
                    indexer.start();
                    awaitApplied(database, probe, partition, new RebuildProgress(start, start, end), progress);
                }
            }
            log.info("catalog rebuild done database={} end={}", settings.databaseName(), end);
            return new RebuildResult(settings.databaseName(), url, end);
        }
    }

    /** A group of its own, so the live indexer's partitions and offsets are never touched. */
    private EventIndexer.Settings indexerSettings() {
        CatalogConfig.Values server = settings.server();
        return new EventIndexer.Settings(settings.bootstrapServers(), settings.topic(),
                "blobpipe-rebuild-" + settings.databaseName(), "1", server.indexerPollTimeout(),
                server.retryBackoffMax());
    }

    private TopicPartition onlyPartition(KafkaConsumer<byte[], byte[]> probe) {
        List<PartitionInfo> partitions = probe.partitionsFor(settings.topic(), KAFKA_TIMEOUT);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("topic " + settings.topic() + " does not exist");
        }
        if (partitions.size() != Topics.EVENTS_PARTITIONS) {
            // with several partitions the replay would interleave them differently than the first time
            throw new IllegalStateException("topic " + settings.topic() + " has " + partitions.size()
                    + " partitions; a rebuild needs exactly " + Topics.EVENTS_PARTITIONS);
        }
        return new TopicPartition(settings.topic(), partitions.get(0).partition());
    }

    private void awaitApplied(CatalogDatabase database, KafkaConsumer<byte[], byte[]> probe, TopicPartition partition,
            RebuildProgress initial, Consumer<RebuildProgress> progress) throws InterruptedException {
        long reported = initial.applied();
        long lastMoveNanos = System.nanoTime();
        long probedAt = -1;
        while (true) {
            long applied = database.jdbi().withExtension(IndexerOffsetDao.class,
                    offsets -> offsets.nextOffset(settings.topic(), partition.partition())).orElse(initial.start());
            if (applied != reported) {
                reported = applied;
                lastMoveNanos = System.nanoTime();
                progress.accept(new RebuildProgress(initial.start(), Math.min(applied, initial.end()), initial.end()));
            }
            if (applied >= initial.end()) {
                return;
            }
            // the stored offset stands still: probe once per position whether only markers are left before the end
            boolean idle = System.nanoTime() - lastMoveNanos > IDLE_BEFORE_PROBE.toNanos();
            if (idle && probedAt != applied) {
                probedAt = applied;
                if (nothingBefore(probe, partition, applied, initial.end())) {
                    progress.accept(new RebuildProgress(initial.start(), initial.end(), initial.end()));
                    return;
                }
            }
            if (System.nanoTime() - lastMoveNanos > settings.idleTimeout().toNanos()) {
                throw new IllegalStateException("catalog rebuild made no progress for " + settings.idleTimeout()
                        + " at offset " + applied + " of " + initial.end() + " (see the indexer's log)");
            }
            LockSupport.parkNanos(CHECK_INTERVAL.toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException("catalog rebuild interrupted at offset " + applied);
            }
        }
    }

    /** Whether no committed record lies in [{@code from}, {@code end}); false when unsure (probe timed out). */
    private static boolean nothingBefore(KafkaConsumer<byte[], byte[]> probe, TopicPartition partition, long from,
            long end) {
        probe.seek(partition, from);
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        // the consumer's position moves past markers and aborted records without returning them
        while (probe.position(partition, KAFKA_TIMEOUT) < end) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            for (ConsumerRecord<byte[], byte[]> record : probe.poll(CHECK_INTERVAL)) {
                if (record.offset() < end) {
                    return false;
                }
            }
        }
        return true;
    }

    private Properties probeProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "catalog-rebuild-probe");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // the indexer's isolation: the end offset is the last stable one, and aborted records do not count
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(64 << 10));
        return props;
    }

    /**
     * Creates the new database on the live catalog's server. UTF8 from template0: the catalog requires UTF8, and
     * template0 carries nothing a site may have added to template1.
     */
    private void createDatabase() {
        CatalogConfig.Values server = settings.server();
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(server.jdbcUrl());
        dataSource.setUser(server.jdbcUser());
        dataSource.setPassword(server.jdbcPassword());
        dataSource.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setApplicationName("blobpipe-rebuild");
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            // CREATE DATABASE takes no bind parameters; the name matched DatabaseUrl.NAME (no quote can be in it)
            statement.execute("CREATE DATABASE \"" + settings.databaseName() + "\" TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("database " + settings.databaseName()
                        + " exists already; a rebuild needs a new one (drop it or give another name)", e);
            }
            throw new IllegalStateException("cannot create database " + settings.databaseName(), e);
        }
    }
}
