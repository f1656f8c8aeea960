package dev.blobpipe.catalog;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.catalog.internal.AppliedNotice;
import dev.blobpipe.catalog.internal.Backoff;
import dev.blobpipe.catalog.internal.EventApplier;
import dev.blobpipe.catalog.internal.IndexerOffsetDao;
import dev.blobpipe.catalog.internal.IndexerOffsets;
import dev.blobpipe.schemas.EventCodec;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code blobpipe.events} to the catalog, exactly once: each poll batch is applied in one PostgreSQL
 * transaction together with the partitions' next offsets, and partitions are positioned from those stored offsets,
 * never from Kafka's committed offsets (committed only for monitoring). Every applied event is announced with
 * {@code pg_notify} in the same transaction, so a {@link PostgresVisibilityWaiter} hears of it on commit.
 *
 * <p>Owns one thread, "catalog-indexer", which alone uses the consumer and the per-partition state. When PostgreSQL
 * fails, the batch is rolled back, the partitions go back to their stored offsets and the batch is retried with
 * backoff; events are never skipped. Only records that cannot be decoded are skipped (logged with their offset).
 */
public final class EventIndexer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventIndexer.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONSUMER_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** Every so many failed attempts in a row a retry is logged as ERROR: an operator should look. */
    private static final int ERROR_EVERY_FAILURES = 20;

    /** What the indexer consumes and how it paces itself. */
    public record Settings(String bootstrapServers, String topic, String groupId, String instanceId,
            Duration pollTimeout, Duration retryBackoffMax) {
        public Settings {
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(pollTimeout, "pollTimeout");
            Objects.requireNonNull(retryBackoffMax, "retryBackoffMax");
        }

        /** The production topic and group, with the catalog's configured timings. */
        public static Settings of(String bootstrapServers, CatalogConfig.Values config) {
            return new Settings(bootstrapServers, Topics.EVENTS, "blobpipe-catalog", config.indexerInstanceId(),
                    config.indexerPollTimeout(), config.retryBackoffMax());
        }

        public Settings withTopic(String otherTopic, String otherGroupId) {
            return new Settings(bootstrapServers, otherTopic, otherGroupId, instanceId, pollTimeout, retryBackoffMax);
        }
    }

    private final Jdbi jdbi;
    private final Settings settings;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final Backoff backoff;
    // state below is owned by the indexer thread
    /** Stored next offset per assigned, positioned partition; null value: no row yet (started from the beginning). */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    /** Assigned partitions waiting (paused) to be positioned from the stored offsets. */
    private final Set<TopicPartition> unpositioned = new HashSet<>();
    private long retryAtNanos;
    private volatile boolean running = true;
    /** Why the indexer thread ended on its own, or null; written by that thread before it ends. */
    private volatile Throwable failure;
    private final AtomicBoolean closed = new AtomicBoolean();

    public EventIndexer(CatalogDatabase database, Settings settings) {
        this.jdbi = Objects.requireNonNull(database, "database").jdbi();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backoff = new Backoff(FIRST_RETRY, settings.retryBackoffMax());
        this.consumer = new KafkaConsumer<>(consumerProperties(settings));
        this.thread = new Thread(this::run, "catalog-indexer");
    }

    /** The one place the indexer's consumer properties are set. */
    private static Properties consumerProperties(Settings settings) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "catalog-indexer");
        // static membership: after a crash the restarted indexer takes its partitions back at once; a dynamic
        // member would wait for the dead one's session to time out (45 s) with every PUT waiting on visibility
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.groupId() + "-" + settings.instanceId());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // only events of committed archiver transactions exist; aborted ones never happened
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // the source of truth for positions is indexer_offsets, written with the rows
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return props;
    }

    /** Starts the indexer thread. */
    public void start() {
        if (closed.get()) {
            throw new IllegalStateException("indexer is closed");
        }
        thread.start();
    }

    private void run() {
        log.info("indexer started topic={} group={}", settings.topic(), settings.groupId());
        try {
            consumer.subscribe(List.of(settings.topic()), new Rebalance());
            while (running) {
                Duration timeout = settings.pollTimeout();
                if (!unpositioned.isEmpty()) {
                    long waitNanos = retryAtNanos - System.nanoTime();
                    if (waitNanos <= 0 && positionFromStoredOffsets()) {
                        waitNanos = 0;
                    } else {
                        // keep polling while waiting (paused partitions fetch nothing) so the group keeps us
                        waitNanos = Math.max(waitNanos, 1_000_000);
                        timeout = Duration.ofNanos(Math.min(waitNanos, timeout.toNanos()));
                    }
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
                if (!records.isEmpty()) {
                    applyOrRewind(records);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
                log.error("indexer woken up unexpectedly; stopping", e);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            log.error("indexer stopped by an unexpected failure; the catalog no longer follows events", e);
        } finally {
            consumer.close(CloseOptions.timeout(CONSUMER_CLOSE_TIMEOUT));
            log.info("indexer stopped topic={}", settings.topic());
        }
    }

    private void applyOrRewind(ConsumerRecords<byte[], byte[]> records) {
        try {
            Map<TopicPartition, Long> next = applyBatch(records);
            positions.putAll(next);
            backoff.reset();
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            next.forEach((partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset)));
            consumer.commitAsync(commits, (offsets, error) -> {
                if (error != null) {
                    log.debug("monitoring offset commit failed error={}", error.toString());
                }
            });
        } catch (RuntimeException e) {
            long delayMs = backoff.nextDelayMs();
            if (backoff.failures() % ERROR_EVERY_FAILURES == 0) {
                log.error("catalog batch failed again, will retry from stored offsets failures={} retryInMs={}",
                        backoff.failures(), delayMs, e);
            } else {
                log.warn("catalog batch failed, will retry from stored offsets failures={} retryInMs={} error={}",
                        backoff.failures(), delayMs, e.toString());
            }
            rewindAll(delayMs);
        }
    }

    /** Applies the batch and advances offsets in one transaction; returns the partitions' new next offsets. */
    private Map<TopicPartition, Long> applyBatch(ConsumerRecords<byte[], byte[]> records) {
        List<ObjectEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ObjectEvent event = decode(record);
            if (event != null) {
                events.add(event);
            }
        }
        Map<TopicPartition, Long> next = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> partitionRecords = records.records(partition);
            next.put(partition, partitionRecords.get(partitionRecords.size() - 1).offset() + 1);
        }
        jdbi.useTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> {
            // the pool plans every statement for its values (for the listings' optional bounds); the indexer's
            // statements are lookups and writes by primary key, whose cached generic plans save a planning per event
            handle.execute("SET LOCAL plan_cache_mode = auto");
            EventApplier applier = new EventApplier(handle);
            String[] notices = new String[events.size()];
            for (int index = 0; index < notices.length; index++) {
                ObjectEvent event = events.get(index);
                AppliedOutcome outcome = applier.apply(event);
                log.debug("event applied bucket={} version={} outcome={}", event.bucket(), event.versionId(),
                        outcome);
                notices[index] = new AppliedNotice(event.versionId(), outcome).payload();
            }
            IndexerOffsets offsets = new IndexerOffsets(handle.getConnection());
            for (Map.Entry<TopicPartition, Long> entry : next.entrySet()) {
                TopicPartition partition = entry.getKey();
                Long expected = positions.get(partition);
                int moved = expected == null
                        ? offsets.insertFirst(settings.topic(), partition.partition(), entry.getValue())
                        : offsets.advance(settings.topic(), partition.partition(), expected, entry.getValue());
                if (moved != 1) {
                    // another indexer advanced this partition (we were a zombie after a rebalance): undo everything
                    throw new IllegalStateException("stored offset of " + partition + " is no longer " + expected);
                }
            }
            if (notices.length > 0) {
                offsets.notifyApplied(AppliedNotice.CHANNEL, notices);
            }
        });
        return next;
    }

    private static ObjectEvent decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return EventCodec.fromConsumerRecord(record); // null for a tombstone: nothing to apply
        } catch (RuntimeException e) {
            log.warn("undecodable event skipped topic={} partition={} offset={} error={}", record.topic(),
                    record.partition(), record.offset(), e.toString());
            return null;
        }
    }

    /** Pauses every assigned partition until it is positioned at its stored offset again, after {@code delayMs}. */
    private void rewindAll(long delayMs) {
        Set<TopicPartition> assigned = consumer.assignment();
        consumer.pause(assigned);
        unpositioned.addAll(assigned);
        positions.keySet().removeAll(assigned);
        retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
    }

    /** Seeks the waiting partitions to their stored offsets and resumes them; false if PostgreSQL failed. */
    private boolean positionFromStoredOffsets() {
        unpositioned.retainAll(consumer.assignment());
        Map<TopicPartition, Optional<Long>> stored = new HashMap<>();
        try {
            jdbi.useExtension(IndexerOffsetDao.class, offsets -> {
                for (TopicPartition partition : unpositioned) {
                    stored.put(partition, offsets.nextOffset(settings.topic(), partition.partition()));
                }
            });
        } catch (RuntimeException e) {
            long delayMs = backoff.nextDelayMs();
            log.warn("cannot read stored offsets, will retry failures={} retryInMs={} error={}", backoff.failures(),
                    delayMs, e.toString());
            retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
            return false;
        }
        stored.forEach((partition, offset) -> {
            if (offset.isPresent()) {
                consumer.seek(partition, offset.get());
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
            positions.put(partition, offset.orElse(null));
        });
        consumer.resume(stored.keySet());
        log.info("partitions positioned from stored offsets offsets={}", stored);
        unpositioned.clear();
        return true;
    }

    /** Runs on the indexer thread, inside poll. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            log.info("partitions assigned partitions={}", partitions);
            // paused until positioned from indexer_offsets, so nothing is fetched from Kafka's own position
            consumer.pause(partitions);
            unpositioned.addAll(partitions);
            retryAtNanos = System.nanoTime();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                log.info("partitions revoked partitions={}", partitions);
            }
            unpositioned.removeAll(partitions);
            positions.keySet().removeAll(partitions);
        }
    }

    /**
     * True from start to close while the indexer thread runs; false once it has ended on its own ({@link #failure()}
     * says why), since nothing restarts it. Retrying a batch while PostgreSQL fails counts as running.
     */
    public boolean isRunning() {
        return !closed.get() && thread.isAlive();
    }

    /** Why the indexer thread ended on its own, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops the thread after its current batch and closes the consumer; safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        running = false;
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(CloseOptions.timeout(CONSUMER_CLOSE_TIMEOUT)); // never started: no thread will close it
            return;
        }
        consumer.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                log.warn("indexer thread did not stop within timeout={}", CLOSE_TIMEOUT);
            }
        }
    }
}
