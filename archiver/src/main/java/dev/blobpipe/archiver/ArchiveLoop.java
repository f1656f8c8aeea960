package dev.blobpipe.archiver;

import dev.blobpipe.blobstore.BlobStore;
import dev.blobpipe.schemas.EventCodec;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.Topics;
import dev.blobpipe.schemas.UploadId;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consume-assemble-produce loop: its own consumer on the chunks topic and its own transactional producer, both
 * created, used and closed on the loop's thread, which also owns the {@link ChunkAssembler} and the trimmer; other
 * threads only read {@link #failure()}.
 *
 * <p>Each poll batch is one Kafka transaction carrying the object events of the uploads it completed and the consumed
 * offsets. A blob is published before the transaction carrying its event commits, under a deterministic name: a
 * crash in between replays the upload and republishes identical bytes. Small objects are appended to the loop's pack
 * segment instead ({@link SegmentPacker}), which is synced before the commit; a replay appends them again, leaving
 * the first frames unreferenced. The committed offset of a partition never
 * passes the seq-0 chunk of an upload still open on it, and its metadata lists the uploads finished after that point
 * ({@link ReplayCheckpoint}): a replay reassembles every unfinished upload and republishes no finished one.
 *
 * <p>A loop runs once; {@link LoopSupervisor} starts a fresh one with the same index to restart it.
 */
final class ArchiveLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ArchiveLoop.class);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final int index;
    private final String bootstrapServers;
    private final ArchiverConfig config;
    private final Clock clock;
    private final String chunksTopic;
    private final String eventsTopic;
    private final ChunkLogTrimmer trimmer;
    private final CountDownLatch stopRequested;
    private final ChunkAssembler assembler;
    private final SegmentPacker packer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;
    private volatile Throwable failure;
    // owned by the loop thread: whether the current batch sent an event, so its transaction must reach Kafka
    private boolean sentThisBatch;

    ArchiveLoop(int index, String bootstrapServers, BlobStore store, ArchiverConfig config, Clock clock,
            String chunksTopic, String eventsTopic, ChunkLogTrimmer trimmer, CountDownLatch stopRequested,
            HeldBytes heldBudget, Consumer<UploadId> afterPublish) {
        this.index = index;
        this.bootstrapServers = bootstrapServers;
        this.config = config;
        this.clock = clock;
        this.chunksTopic = chunksTopic;
        this.eventsTopic = eventsTopic;
        this.trimmer = trimmer;
        this.stopRequested = stopRequested;
        this.packer = new SegmentPacker(store, config.instanceId() + "-" + index, config.packSegmentBytes(),
                config.packSegmentIdle(), clock);
        this.assembler = new ChunkAssembler(store, config.uploadIdleTimeout(),
                new ChunkAssembler.Packing(packer, heldBudget, config.packThresholdBytes()), this::send, afterPublish);
    }

    /** Why the loop stopped on its own, or null. */
    Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        boolean crashed = false;
        try {
            producer = new KafkaProducer<>(producerProperties());
            // fences a predecessor with the same transactional.id and aborts its open transaction right away
            producer.initTransactions();
            consumer = new KafkaConsumer<>(consumerProperties());
            consumer.subscribe(List.of(chunksTopic), new Rebalance());
            log.info("archiver loop started loop={} transactionalId={} topic={} events={}", index, transactionalId(),
                    chunksTopic, eventsTopic);
            while (stopRequested.getCount() > 0) {
                step();
            }
        } catch (SimulatedCrash e) {
            crashed = true;
            failure = e;
            log.warn("archiver loop crashed on purpose loop={}", index);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
            if (isFencing(e)) {
                log.error("archiver loop fenced by a newer instance with the same id, stopping loop={}"
                        + " transactionalId={}", index, transactionalId(), e);
            } else {
                log.error("archiver loop failed, stopping loop={}", index, e);
            }
        } finally {
            shutDown(crashed);
        }
    }

    private void step() throws InterruptedException {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(config.pollTimeout());
        trimmer.trimDue();
        Instant now = clock.instant();
        if (records.isEmpty() && !assembler.hasIdle(now)) {
            return;
        }
        producer.beginTransaction();
        sentThisBatch = false;
        try {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                assembler.handle(record, now);
            }
            assembler.expireIdle(now);
            commitTransaction();
        } catch (IOException e) {
            rewind("blob store failed", e);
            stopRequested.await(RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KafkaException e) {
            if (isFatal(e)) {
                throw e;
            }
            rewind("Kafka transaction failed", e);
        }
    }

    private void send(ObjectEvent.ObjectCommitted event) {
        ProducerRecord<byte[], byte[]> record = EventCodec.toProducerRecord(event);
        // errors of this send surface at commitTransaction, which then fails the whole batch
        sentThisBatch = true;
        producer.send(new ProducerRecord<>(eventsTopic, null, record.key(), record.value(), record.headers()));
    }

    private void commitTransaction() throws IOException {
        // events of this transaction may point into the current segment: its frames must be durable first
        packer.sync();
        Map<TopicPartition, ReplayCheckpoint> checkpoints = assembler.checkpoints(
                partition -> consumer.position(partition, config.kafkaTimeout()));
        if (!sentThisBatch && assembler.alreadyCommitted(checkpoints)) {
            // only chunks of uploads still open: nothing to publish and no offset may move. Committing a transaction
            // that touched no partition is local to the client, while sending offsets costs several round trips to
            // the coordinator per poll, which made large uploads crawl (one transaction per ~2 MiB fetched).
            producer.commitTransaction();
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        checkpoints.forEach((partition, checkpoint) -> offsets.put(partition,
                new OffsetAndMetadata(checkpoint.offset(), checkpoint.encode())));
        // the group metadata must be the consumer's current one: it fences a zombie of an older generation (KIP-447)
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
        assembler.committed(checkpoints);
        trimmer.committed(offsets);
    }

    /**
     * Abandons the batch: aborts the transaction, drops every open upload and seeks back to the last committed
     * offsets, so the replay reassembles them (and republishes anything published in the aborted batch).
     */
    private void rewind(String what, Exception cause) {
        log.warn("{}, aborting the transaction and replaying from the committed offsets loop={}", what, index, cause);
        // a failure to abort is fatal and ends the loop
        producer.abortTransaction();
        for (TopicPartition partition : consumer.assignment()) {
            ReplayCheckpoint checkpoint = assembler.rewind(partition);
            if (checkpoint.offset() >= 0) {
                consumer.seek(partition, checkpoint.offset());
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
    }

    /**
     * Whether {@code failure} means a newer loop with the same transactional id or static member id owns this one's
     * work. Looks through causes too: once the producer is fenced, later calls may throw a plain KafkaException
     * wrapping it, and restarting on that would fence the newer loop in turn.
     */
    static boolean isFencing(Throwable failure) {
        Throwable cause = failure;
        // bounded: a cause chain may loop
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof ProducerFencedException || cause instanceof FencedInstanceIdException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFatal(KafkaException e) {
        return e instanceof ProducerFencedException || e instanceof FencedInstanceIdException
                || e instanceof OutOfOrderSequenceException || e instanceof AuthorizationException
                || e instanceof AuthenticationException || e instanceof UnsupportedVersionException;
    }

    private void forget(Collection<TopicPartition> partitions) {
        assembler.drop(partitions);
        partitions.forEach(trimmer::forget);
    }

    private void shutDown(boolean crashed) {
        assembler.closeAll();
        try {
            packer.close();
        } catch (IOException e) {
            // frames not yet synced belong to a transaction that did not commit: nothing durable is lost
            log.warn("closing the pack segment failed loop={}", index, e);
        }
        Duration timeout = config.kafkaTimeout();
        if (consumer != null) {
            try {
                // leaves the group at once; nothing is committed, since auto-commit is off
                consumer.close(crashed ? Duration.ZERO : timeout);
            } catch (RuntimeException e) {
                log.warn("closing the chunk consumer failed loop={}", index, e);
            }
        }
        if (producer != null) {
            try {
                // a forced close (zero timeout) leaves an open transaction for the next instance to fence and abort,
                // as a real crash would; a graceful one aborts it
                producer.close(crashed ? Duration.ZERO : timeout);
            } catch (RuntimeException e) {
                log.warn("closing the event producer failed loop={}", index, e);
            }
        }
        log.info("archiver loop stopped loop={}", index);
    }

    private String transactionalId() {
        return "blobpipe-archiver-" + config.instanceId() + "-" + index;
    }

    private Properties producerProperties() {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "archiver-" + config.instanceId() + "-" + index);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
        // events are small; the default 32 MiB would be a large slice of a 256 MiB heap
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4 * Topics.MAX_RECORD_BYTES);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.kafkaTimeout().toMillis());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    private Properties consumerProperties() {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "archiver-" + config.instanceId() + "-" + index);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        // static membership, like the transactional id: a restarted archiver takes its partitions back at once
        // instead of after the dead member's session timeout (45 s), during which no upload would be archived
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "archiver-" + config.instanceId() + "-" + index);
        // chunks of aborted ingest transactions never reach us; offsets only move with our transactions
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, (int) Math.min(Integer.MAX_VALUE, config.fetchMaxBytes()));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                (int) Math.min(Integer.MAX_VALUE, config.partitionFetchMaxBytes()));
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.kafkaTimeout().toMillis());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    /** Keeps per-partition state in step with the assignment; runs on the loop thread, inside poll. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            if (!revoked.isEmpty()) {
                log.info("chunk partitions revoked loop={} partitions={}", index, revoked);
            }
            // the staging blobs stay: the partition's next owner replays and truncates them
            forget(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            log.info("chunk partitions lost loop={} partitions={}", index, lost);
            forget(lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(assigned),
                    config.kafkaTimeout());
            for (TopicPartition partition : assigned) {
                OffsetAndMetadata offset = committed.get(partition);
                ReplayCheckpoint checkpoint = offset == null ? ReplayCheckpoint.NONE
                        : ReplayCheckpoint.decode(offset.offset(), offset.metadata());
                assembler.assigned(partition, checkpoint);
            }
            log.info("chunk partitions assigned loop={} partitions={}", index, assigned);
        }
    }
}
