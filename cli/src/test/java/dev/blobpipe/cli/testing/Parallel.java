package dev.blobpipe.cli.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/** Runs a test action for every index on a few threads, failing with the first action's failure. */
public final class Parallel {
    private static final long MAX_MINUTES = 5;

    private Parallel() {
    }

    /** Calls {@code action} for 0..count-1, index i on thread i % threads; waits at most five minutes. */
    public static void forEach(int threads, int count, IntConsumer action) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int first = thread;
                done.add(pool.submit(() -> {
                    for (int index = first; index < count; index += threads) {
                        action.accept(index);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(MAX_MINUTES, TimeUnit.MINUTES);
            }
        } catch (ExecutionException e) {
            throw new AssertionError("an action failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("actions still running after " + MAX_MINUTES + " minutes", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
