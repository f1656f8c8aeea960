package dev.blobpipe.compactor;

import dev.blobpipe.blobstore.BlobStore;
import dev.blobpipe.catalog.CatalogDatabase;
import dev.blobpipe.catalog.GarbageCatalog;
import dev.blobpipe.catalog.IndexerCatchUp;
import dev.blobpipe.catalog.LifecycleCatalog;
import dev.blobpipe.catalog.SegmentCatalog;
import dev.blobpipe.schemas.Topics;
import dev.blobpipe.schemas.VersionClock;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compactor role: reclaims storage in sweeps. A sweep deletes dead blobs that are ripe and unreferenced
 * ({@link DeadBlobCollector}), deletes dead pack segments and rewrites sparse ones ({@link SegmentCompactor}),
 * aborts multipart uploads open past their expiry ({@link UploadExpirer}), whose parts a later sweep deletes, and
 * carries out the buckets' lifecycle rules ({@link LifecycleExpirer}).
 *
 * <p>{@link #start()} runs a sweep every {@code compactor.interval} on one thread, "compactor-sweep";
 * {@link #sweep()} runs one on the caller's thread. Only one sweep runs at a time in the whole cluster (a PostgreSQL
 * advisory lock): a sweep that finds the lock taken does nothing and says so. All time comes from the injected clock.
 * Owns its Kafka producer and thread; the database and the blob store belong to the caller.
 */
public final class Compactor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Compactor.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final CatalogDatabase database;
    private final GarbageCatalog garbage;
    private final EventSender events;
    /** Not thread-safe: used only under the sweep lock, so by one sweep at a time. */
    private final IndexerCatchUp indexer;
    private final DeadBlobCollector collector;
    private final SegmentCompactor segments;
    private final UploadExpirer expirer;
    private final LifecycleExpirer lifecycle;
    private final CompactorConfig config;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The Error that ended the scheduled sweeps, or null; written by the sweep thread. */
    private volatile Error failure;

    /** A compactor publishing to {@link Topics#EVENTS}. */
    public Compactor(CatalogDatabase database, BlobStore blobs, String bootstrapServers, CompactorConfig config,
            Clock clock) {
        this(database, blobs, bootstrapServers, Topics.EVENTS, config, clock);
    }

    /** As above, publishing to {@code eventsTopic} instead (tests use a topic each). */
    public Compactor(CatalogDatabase database, BlobStore blobs, String bootstrapServers, String eventsTopic,
            CompactorConfig config, Clock clock) {
        this(database, blobs, bootstrapServers, eventsTopic, config, clock, UnaryOperator.identity());
    }

    /** As above, with the publishing of segment moves wrapped (tests make it fail half-way, as a crash would). */
    Compactor(CatalogDatabase database, BlobStore blobs, String bootstrapServers, String eventsTopic,
            CompactorConfig config, Clock clock, UnaryOperator<MovePublisher> movePublishing) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.database = Objects.requireNonNull(database, "database");
        this.garbage = new GarbageCatalog(database);
        this.events = new EventSender(bootstrapServers, eventsTopic);
        this.indexer = new IndexerCatchUp(bootstrapServers, eventsTopic, "blobpipe-compactor-probe");
        this.collector = new DeadBlobCollector(garbage, blobs, config.gcGrace(), config.batchSize());
        // one clock for every event the compactor publishes: two with one node id could hand out one version twice
        VersionClock versions = new VersionClock(clock, config.nodeId());
        var segmentCatalog = new SegmentCatalog(database);
        var rewriter = new SegmentRewriter(segmentCatalog, blobs,
                movePublishing.apply(events::sendAll), versions);
        this.segments = new SegmentCompactor(segmentCatalog, blobs, rewriter, config);
        this.expirer = new UploadExpirer(garbage, events, versions, config.multipartExpiry(), config.batchSize());
        this.lifecycle = new LifecycleExpirer(new LifecycleCatalog(database), events, versions, config.batchSize());
        var executor = new ScheduledThreadPoolExecutor(1, runnable -> new Thread(runnable, "compactor-sweep"));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler = executor;
    }

    /** Sweeps every {@code compactor.interval}, the first time one interval from now. */
    public void start() {
        if (closed.get()) {
            throw new IllegalStateException("compactor is closed");
        }
        if (!started.compareAndSet(false, true)) {
            return;
        }
        long intervalMs = config.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::scheduledSweep, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        log.info("compactor started interval={} gcGrace={} multipartExpiry={} nodeId={} segmentMinAge={}"
                + " segmentLiveRatio={}", config.interval(), config.gcGrace(), config.multipartExpiry(), config.nodeId(),
                config.segmentMinAge(), config.segmentLiveRatio());
    }

    /**
     * One sweep now, on the caller's thread: dead blob collection, segment compaction, then multipart expiry. Returns
     * what it did, or {@link SweepSummary#SKIPPED} if another sweep (of this or another process) holds the lock. A
     * failure stops the sweep where it is; everything done so far stays done and the next sweep carries on.
     */
    public SweepSummary sweep() throws IOException {
        return sweep(CompactionProgress.NONE);
    }

    /** As {@link #sweep()}, telling {@code progress} about each segment rewritten. */
    public SweepSummary sweep(CompactionProgress progress) throws IOException {
        Objects.requireNonNull(progress, "progress");
        if (closed.get()) {
            throw new IllegalStateException("compactor is closed");
        }
        Optional<GarbageCatalog.SweepLock> lock = garbage.tryLockSweep();
        if (lock.isEmpty()) {
            log.debug("sweep skipped, another sweep holds the lock");
            return SweepSummary.SKIPPED;
        }
        try (GarbageCatalog.SweepLock held = lock.get()) {
            Instant now = clock.instant();
            long startedNanos = System.nanoTime();
            SweepSummary reclaimed;
            if (catalogHoldsEventsBefore(now)) {
                SweepSummary collected = collector.collect(now);
                // after the collector: it drops ripe dead rows of segments, so only unripe ones hold a dead segment
                // back
                reclaimed = collected.plus(segments.compact(now, progress));
            } else {
                reclaimed = SweepSummary.DEFERRED;
            }
            int expired = expirer.expire(now);
            LifecycleExpirer.Counts ruled = lifecycle.expire(now);
            SweepSummary summary = reclaimed.plus(new SweepSummary(0, 0, expired, 0, false))
                    .plus(SweepSummary.lifecycle(ruled.objectsExpired(), ruled.uploadsAborted()));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
            if (summary.changedAnything()) {
                log.info("sweep done blobsDeleted={} bytesReclaimed={} uploadsExpired={} deadRowsDropped={}"
                        + " segmentsRewritten={} segmentsDeleted={} bytesCopied={} objectsExpired={} tookMs={}",
                        summary.blobsDeleted(), summary.bytesReclaimed(), summary.uploadsExpired(),
                        summary.deadRowsDropped(), summary.segmentsRewritten(), summary.segmentsDeleted(),
                        summary.bytesCopied(), summary.objectsExpired(), tookMs);
            } else {
                log.debug("sweep found nothing to do tookMs={}", tookMs);
            }
            return summary;
        }
    }

    /**
     * Whether the indexer has applied every event committed before {@code now}, waiting while it moves. Deleting
     * needs it: a blob or segment the catalog shows unused may be named by an event still in the topic (a quiet
     * segment's commits, a copy of a dead version, the last sweep's moves) if the indexer lags, say while PostgreSQL
     * was down or the indexer's process was. The end offset is read after {@code now}, so it covers every event the
     * sweep's age rules assume applied.
     */
    private boolean catalogHoldsEventsBefore(Instant now) throws InterruptedIOException {
        long end = indexer.endOffset();
        try {
            long[] applied = {-1};
            if (indexer.awaitApplied(database, end, config.indexerWait(), offset -> applied[0] = offset)) {
                return true;
            }
            log.warn("indexer has not applied every event yet, deleting and rewriting wait for a later sweep"
                    + " appliedOffset={} endOffset={} stillFor={} sweepTime={}", applied[0], end,
                    config.indexerWait(), now);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the indexer");
        }
    }

    private void scheduledSweep() {
        try {
            sweep();
        } catch (IOException | RuntimeException e) {
            // an exception escaping here would cancel every later sweep; this one is retried at the next interval
            log.warn("sweep failed, will retry in interval={} error={}", config.interval(), e.toString(), e);
        } catch (Error e) {
            // escaping, it ends the schedule (an Error leaves this JVM in doubt), but the executor would keep it in a
            // future nobody reads: record and log it, so that isRunning() and the health endpoint tell
            failure = e;
            log.error("sweep failed with an error, no more sweeps in this process", e);
            throw e;
        }
    }

    /** True from start to close unless an Error ended the scheduled sweeps ({@link #failure()}). */
    public boolean isRunning() {
        return started.get() && !closed.get() && failure == null;
    }

    /** The Error that ended the scheduled sweeps, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops the sweeping thread (after its current sweep) and closes the producer; safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("compactor sweep did not stop within timeout={}, interrupting it", CLOSE_TIMEOUT);
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        events.close();
        indexer.close();
        log.info("compactor stopped");
    }
}
