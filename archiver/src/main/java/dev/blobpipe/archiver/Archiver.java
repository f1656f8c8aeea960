package dev.blobpipe.archiver;

import dev.blobpipe.blobstore.BlobStore;
import dev.blobpipe.schemas.Topics;
import dev.blobpipe.schemas.UploadId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archiver role: assembles uploads from the chunks topic into immutable blobs and publishes their object events,
 * exactly once, to the events topic (DESIGN.md, data flow step 3).
 *
 * <p>Owns {@code archiver.threads} poll loops, each on its own thread {@code archiver-N} with its own consumer and
 * transactional producer ({@code transactional.id = blobpipe-archiver-<instance id>-N}), and one Admin client that
 * deletes archived chunk records. A loop that stops on its own (an Error, a fatal Kafka error, a bug) is started
 * again on its thread after a backoff, unless it was fenced ({@link LoopSupervisor}). {@link #start()} once;
 * {@link #close()} finishes the current batches, commits them, cancels pending restarts and stops; closing twice is
 * safe.
 */
public final class Archiver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Archiver.class);

    private final String bootstrapServers;
    private final BlobStore store;
    private final ArchiverConfig config;
    private final Clock clock;
    private final String chunksTopic;
    private final String eventsTopic;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final List<LoopSupervisor> supervisors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private Consumer<UploadId> afterPublish = uploadId -> { };
    private Admin admin;
    private boolean started;
    private boolean closed;

    /** An archiver on the standard topics ({@link Topics#CHUNKS}, {@link Topics#EVENTS}). */
    public Archiver(String bootstrapServers, BlobStore store, ArchiverConfig config, Clock clock) {
        this(bootstrapServers, store, config, clock, Topics.CHUNKS, Topics.EVENTS);
    }

    /** An archiver reading {@code chunksTopic} and writing {@code eventsTopic} (tests use topics of their own). */
    public Archiver(String bootstrapServers, BlobStore store, ArchiverConfig config, Clock clock, String chunksTopic,
            String eventsTopic) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.chunksTopic = Objects.requireNonNull(chunksTopic, "chunksTopic");
        this.eventsTopic = Objects.requireNonNull(eventsTopic, "eventsTopic");
    }

    /** Starts the poll loops; they join the consumer group and begin archiving. */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "archiver is closed" : "archiver already started");
        }
        started = true;
        log.info("archiver starting instance={} group={} threads={} topic={} events={} idleTimeout={}",
                config.instanceId(), config.groupId(), config.threads(), chunksTopic, eventsTopic,
                config.uploadIdleTimeout());
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, config.kafkaTimeout().toMillis());
        admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "archiver-" + config.instanceId() + "-admin",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs));
        var heldBudget = new HeldBytes(config.packBufferBytes());
        Admin trimAdmin = admin;
        Consumer<UploadId> hook = afterPublish;
        // each incarnation of a loop gets fresh per-loop state (trimmer, packer, assembler); the budget is shared
        IntFunction<ArchiveLoop> newLoop = index -> new ArchiveLoop(index, bootstrapServers, store, config, clock,
                chunksTopic, eventsTopic, new ChunkLogTrimmer(trimAdmin, config.chunksTrimInterval()), stopRequested,
                heldBudget, hook);
        for (int index = 0; index < config.threads(); index++) {
            var supervisor = new LoopSupervisor(index, newLoop, stopRequested, config.restartBackoff(),
                    config.restartBackoffMax());
            var thread = new Thread(supervisor, "archiver-" + index);
            // the owner stops us with close(); a forgotten archiver must not keep the JVM alive
            thread.setDaemon(true);
            supervisors.add(supervisor);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * True from start to close while no poll loop has stopped for good (fenced by a newer instance with the same id,
     * see {@link #failure()}). A loop waiting out its restart backoff counts as running: it comes back by itself
     * ({@link #restartingAfter()} tells).
     */
    public synchronized boolean isRunning() {
        return started && !closed && threads.stream().allMatch(Thread::isAlive)
                && supervisors.stream().noneMatch(LoopSupervisor::stoppedForGood);
    }

    /**
     * Why a poll loop stopped on its own, if one did: first a loop stopped for good (fenced; then {@link #isRunning()}
     * is false), else the last failure of a loop that was or will be restarted (a fatal Kafka error, an Error, a bug).
     */
    public synchronized Optional<Throwable> failure() {
        Optional<Throwable> forGood = supervisors.stream().filter(LoopSupervisor::stoppedForGood)
                .map(LoopSupervisor::lastFailure).filter(Objects::nonNull).findFirst();
        if (forGood.isPresent()) {
            return forGood;
        }
        return supervisors.stream().map(LoopSupervisor::lastFailure).filter(Objects::nonNull).findFirst();
    }

    /**
     * Whether a poll loop stopped for good because it was fenced: another archiver with the same instance id took over
     * its transactional id (and its partitions). Then {@link #isRunning()} is false.
     */
    public synchronized boolean isFenced() {
        return supervisors.stream().anyMatch(supervisor -> supervisor.stoppedForGood()
                && supervisor.lastFailure() != null && ArchiveLoop.isFencing(supervisor.lastFailure()));
    }

    /**
     * Why a poll loop is down right now while waiting out its restart backoff, if one is: {@link #isRunning()} stays
     * true meanwhile (the loop comes back by itself), but its partitions are not being archived.
     */
    public synchronized Optional<Throwable> restartingAfter() {
        return supervisors.stream().filter(LoopSupervisor::waitingToRestart).map(LoopSupervisor::lastFailure)
                .filter(Objects::nonNull).findFirst();
    }

    /** How many times poll loops were started again after stopping on their own. */
    synchronized int restarts() {
        return supervisors.stream().mapToInt(LoopSupervisor::restarts).sum();
    }

    /** Whether a loop thread is still alive (its loop running or waiting to restart); false after close returns. */
    synchronized boolean anyLoopThreadAlive() {
        return threads.stream().anyMatch(Thread::isAlive);
    }

    /**
     * Stops the loops after their current batch (committed), ends any restart backoff at once (no loop starts after
     * this) and closes the Kafka clients. Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopRequested.countDown();
        // a loop finishes at most one poll and one transaction, each bounded by the Kafka timeout
        Duration patience = config.kafkaTimeout().multipliedBy(2).plus(config.pollTimeout());
        long deadline = System.nanoTime() + patience.toNanos();
        boolean interrupted = false;
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (thread.isAlive()) {
                log.warn("archiver loop did not stop in time, interrupting thread={}", thread.getName());
                thread.interrupt();
            }
        }
        if (admin != null) {
            admin.close(config.kafkaTimeout());
        }
        log.info("archiver stopped instance={}", config.instanceId());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Test hook: runs on the loop thread after each blob is published, before its event is sent. Set before start. */
    synchronized void afterPublish(Consumer<UploadId> hook) {
        if (started) {
            throw new IllegalStateException("set hooks before start");
        }
        this.afterPublish = Objects.requireNonNull(hook, "hook");
    }
}
