package dev.blobpipe.archiver;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps poll loop {@code index} alive: runs an {@link ArchiveLoop} on the calling thread and, when it stops on its
 * own while the archiver is not stopping, starts a fresh one with the same index after a backoff.
 *
 * <p>A restart is safe because a loop keeps nothing the next one needs: the new one's {@code initTransactions()}
 * aborts whatever transaction its predecessor left open, its consumer (same static member id) takes the partitions
 * back and replays from the committed offsets, and its {@link SegmentPacker} starts a segment of its own, so nothing
 * is appended after a torn frame of the dead one. A fenced loop is never restarted: a newer instance owns its
 * transactional id, and restarting would fence that one in turn.
 *
 * <p>The backoff starts at {@code archiver.restart.backoff} and doubles per consecutive failure up to
 * {@code archiver.restart.backoff.max}; a loop that ran at least that maximum counts as healthy and resets it. The
 * wait ends at once when the archiver stops, and no loop starts after that. Runs on the loop's own thread; other
 * threads only read the volatile state.
 */
final class LoopSupervisor implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(LoopSupervisor.class);

    private final int index;
    private final IntFunction<ArchiveLoop> newLoop;
    private final CountDownLatch stopRequested;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private volatile Throwable lastFailure;
    private volatile boolean stoppedForGood;
    private volatile boolean waitingToRestart;
    // written only by the loop thread
    private volatile int restarts;

    LoopSupervisor(int index, IntFunction<ArchiveLoop> newLoop, CountDownLatch stopRequested,
            Duration initialBackoff, Duration maxBackoff) {
        this.index = index;
        this.newLoop = Objects.requireNonNull(newLoop, "newLoop");
        this.stopRequested = Objects.requireNonNull(stopRequested, "stopRequested");
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
        // a maximum below the first wait would only shorten later waits, which is never what was meant
        this.maxBackoff = maxBackoff.compareTo(initialBackoff) < 0 ? initialBackoff : maxBackoff;
    }

    /** The last reason a loop of this index stopped on its own (restarted or not), or null. */
    Throwable lastFailure() {
        return lastFailure;
    }

    /** True once this index has no loop and will get none: its loop was fenced, or the supervisor itself failed. */
    boolean stoppedForGood() {
        return stoppedForGood;
    }

    /** True while this index has no loop because it waits out the backoff before starting one again. */
    boolean waitingToRestart() {
        return waitingToRestart;
    }

    /** How many times a loop of this index was started again. */
    int restarts() {
        return restarts;
    }

    @Override
    public void run() {
        try {
            supervise();
        } catch (RuntimeException | Error e) {
            stoppedForGood = true;
            lastFailure = e;
            log.error("archiver loop supervisor failed, loop stays down loop={}", index, e);
        }
    }

    private void supervise() {
        Duration backoff = initialBackoff;
        int attempt = 0;
        while (stopRequested.getCount() > 0) {
            long startedNanos = System.nanoTime();
            ArchiveLoop loop = newLoop.apply(index);
            loop.run();
            Throwable failure = loop.failure();
            if (failure == null || stopRequested.getCount() == 0 || Thread.currentThread().isInterrupted()) {
                // asked to stop (close, or an interrupt): not a failure of the loop
                return;
            }
            lastFailure = failure;
            if (ArchiveLoop.isFencing(failure)) {
                stoppedForGood = true;
                return;
            }
            if (Duration.ofNanos(System.nanoTime() - startedNanos).compareTo(maxBackoff) >= 0) {
                // it ran healthy for a while: this failure is new trouble, not the last one recurring
                backoff = initialBackoff;
                attempt = 0;
            }
            attempt++;
            log.warn("archiver loop restarting loop={} attempt={} backoffMs={} cause={}", index, attempt,
                    backoff.toMillis(), failure.toString());
            waitingToRestart = true;
            try {
                if (stopRequested.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                waitingToRestart = false;
            }
            restarts++;
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }
}
