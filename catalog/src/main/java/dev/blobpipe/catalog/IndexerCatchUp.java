package dev.blobpipe.catalog;

import dev.blobpipe.catalog.internal.IndexerOffsetDao;
import dev.blobpipe.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Tells whether an {@link EventIndexer} has applied every committed event of the events topic before an offset: the
 * one place that knows how. The indexer moves {@code indexer_offsets} to the offset after the last record of each
 * batch. Transaction markers (the archiver publishes in transactions) and records of aborted transactions take offsets
 * too but are never returned, so the stored offset may stop short of the end: when it stops moving, a probe consumer
 * (read_committed, no group, owned here) looks whether any record lies between it and the end; none means done. The
 * topic has one partition ({@link Topics#EVENTS_PARTITIONS}), resolved at first use. Not thread-safe.
 */
public final class IndexerCatchUp implements AutoCloseable {
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(100);
    /** The stored offset stood still this long: the indexer may be done, with only markers left before the end. */
    private static final Duration IDLE_BEFORE_PROBE = Duration.ofMillis(500);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> probe;
    private TopicPartition partition;

    /** A probe of {@code topic}; {@code clientId} names it in the broker's logs. */
    public IndexerCatchUp(String bootstrapServers, String topic, String clientId) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.probe = new KafkaConsumer<>(probeProperties(bootstrapServers, clientId));
    }

    /** The first offset still in the topic. */
    public long beginningOffset() {
        TopicPartition only = partition();
        return probe.beginningOffsets(List.of(only), KAFKA_TIMEOUT).get(only);
    }

    /**
     * The end as the indexer sees it: the last stable offset (read_committed), so a transaction open right now is not
     * waited for. Every event published without a transaction and acknowledged before this call lies below it, and so
     * does every transaction whose commit markers are written (a few milliseconds after its commit returns).
     */
    public long endOffset() {
        TopicPartition only = partition();
        return probe.endOffsets(List.of(only), KAFKA_TIMEOUT).get(only);
    }

    /**
     * Waits until the indexer writing to {@code catalog} has applied every committed event before {@code end}; false
     * as soon as its stored offset has stood still for {@code idleLimit} short of that (so a slow indexer is waited
     * for as long as it moves). {@code progress} hears each stored offset it sees move.
     */
    public boolean awaitApplied(CatalogDatabase catalog, long end, Duration idleLimit, LongConsumer progress)
            throws InterruptedException {
        long start = beginningOffset();
        long seen = -1;
        long lastMoveNanos = System.nanoTime();
        long probedAt = -1;
        while (true) {
            long applied = catalog.jdbi().withExtension(IndexerOffsetDao.class,
                    offsets -> offsets.nextOffset(topic, partition().partition())).orElse(start);
            if (applied != seen) {
                seen = applied;
                lastMoveNanos = System.nanoTime();
                progress.accept(applied);
            }
            if (applied >= end) {
                return true;
            }
            long stillNanos = System.nanoTime() - lastMoveNanos;
            if (stillNanos > IDLE_BEFORE_PROBE.toNanos() && probedAt != applied) {
                probedAt = applied;
                if (nothingBefore(applied, end)) {
                    return true;
                }
            }
            if (stillNanos > idleLimit.toNanos()) {
                return false;
            }
            LockSupport.parkNanos(CHECK_INTERVAL.toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted waiting for the indexer at offset " + applied);
            }
        }
    }

    @Override
    public void close() {
        probe.close(CloseOptions.timeout(KAFKA_TIMEOUT));
    }

    private TopicPartition partition() {
        if (partition == null) {
            List<PartitionInfo> partitions = probe.partitionsFor(topic, KAFKA_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            if (partitions.size() != Topics.EVENTS_PARTITIONS) {
                // events are applied in one order; several partitions would be interleaved differently each time
                throw new IllegalStateException("topic " + topic + " has " + partitions.size() + " partitions; the"
                        + " events topic has exactly " + Topics.EVENTS_PARTITIONS);
            }
            partition = new TopicPartition(topic, partitions.get(0).partition());
            probe.assign(List.of(partition)); // read_committed end offsets are for assigned partitions only
        }
        return partition;
    }

    /** Whether no committed record lies in [{@code from}, {@code end}); false when unsure (probe timed out). */
    private boolean nothingBefore(long from, long end) {
        TopicPartition only = partition();
        probe.seek(only, from);
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        // the consumer's position moves past markers and aborted records without returning them
        while (probe.position(only, KAFKA_TIMEOUT) < end) {
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

    private static Properties probeProperties(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, Objects.requireNonNull(clientId, "clientId"));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // the indexer's isolation: the end offset is the last stable one, and aborted records do not count
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // an applied offset below the log start (a topic that also deletes) must find the records after it, not jump
        // to the end as the default "latest" does and report them applied
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(64 << 10));
        return props;
    }
}
