package dev.blobpipe.ingest.upload;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The process-wide cap on upload bytes read from clients but not yet acknowledged by Kafka (DESIGN.md, Known traps:
 * an in-process broker shares the heap). One instance per process, shared by every upload. A chunk's worth is taken
 * before its bytes are read and given back in the send callback; when the budget stays exhausted past
 * {@code maxWait} the PUT gets 503 SlowDown, the S3 signal for clients to back off and retry. Thread-safe.
 */
public final class InflightBudget {
    /** How long a chunk waits for budget before the PUT is refused with SlowDown. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);

    private final long capacityBytes;
    private final Duration maxWait;
    // permits are bytes: UploadConfig caps the budget at 1 GiB, inside an int
    private final Semaphore bytes;

    public InflightBudget(long capacityBytes, Duration maxWait) {
        if (capacityBytes <= 0 || capacityBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("capacityBytes must be 1.." + Integer.MAX_VALUE + ": " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        // fair, so a waiting upload is not starved by newer ones grabbing freed bytes first
        this.bytes = new Semaphore((int) capacityBytes, true);
    }

    public static InflightBudget of(UploadConfig.Values config) {
        return new InflightBudget(config.inflightBytes(), DEFAULT_MAX_WAIT);
    }

    /** Takes {@code amount} bytes, waiting up to the max wait; throws S3Exception(SLOW_DOWN) if they do not free up. */
    public void acquire(int amount) {
        if (amount <= 0 || amount > capacityBytes) {
            throw new IllegalArgumentException("amount must be 1.." + capacityBytes + ": " + amount);
        }
        boolean acquired;
        try {
            acquired = bytes.tryAcquire(amount, maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new S3Exception(S3Error.SERVICE_UNAVAILABLE);
        }
        if (!acquired) {
            throw new S3Exception(S3Error.SLOW_DOWN);
        }
    }

    public void release(int amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
        bytes.release(amount);
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    /** Bytes free right now (for metrics and tests). */
    public long availableBytes() {
        return bytes.availablePermits();
    }
}
