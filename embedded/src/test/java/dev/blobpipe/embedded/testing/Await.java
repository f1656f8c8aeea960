package dev.blobpipe.embedded.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes: the one way tests wait (never {@code Thread.sleep}).
 *
 * <p>A failure names what was awaited and the timeout; the last exception thrown by the probe, if any, rides along as
 * the cause so a probe that always throws is easy to diagnose.
 */
public final class Await {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Await() {
    }

    /** Polls {@code probe} until it returns a present value and returns that value. */
    public static <T> T value(Duration timeout, String what, Supplier<Optional<T>> probe) {
        Objects.requireNonNull(probe, "probe");
        return poll(timeout, what, () -> probe.get().orElse(null));
    }

    /** Polls {@code probe} until it returns non-null and returns that value; exceptions count as "not yet". */
    public static <T> T value(Duration timeout, String what, Callable<T> probe) {
        return poll(timeout, what, probe);
    }

    /** Polls {@code condition} until it is true. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        Objects.requireNonNull(condition, "condition");
        poll(timeout, what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    private static <T> T poll(Duration timeout, String what, Callable<T> probe) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(what, "what");
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        while (true) {
            try {
                T result = probe.call();
                if (result != null) {
                    return result;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            } catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what, lastFailure);
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
