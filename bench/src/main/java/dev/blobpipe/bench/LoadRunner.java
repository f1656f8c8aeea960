package dev.blobpipe.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Runs a workload's operations on its number of client threads and times each one. */
final class LoadRunner {
    private static final long TIMEOUT_MINUTES = 60;

    private LoadRunner() {
    }

    /** The figures of one run; the first failure is printed, the others only counted. */
    record Timing(double seconds, double p50Ms, double p99Ms, long errors) {
    }

    static Timing run(Workload workload, BenchClient client) throws InterruptedException {
        int count = workload.operations();
        var next = new AtomicInteger();
        var errors = new AtomicLong();
        long[] latencies = new long[count];
        ExecutorService threads = Executors.newFixedThreadPool(workload.clients());
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < workload.clients(); c++) {
                workers.add(threads.submit(() -> {
                    for (int index = next.getAndIncrement(); index < count; index = next.getAndIncrement()) {
                        long began = System.nanoTime();
                        try {
                            workload.operation().run(client, index);
                        } catch (Exception e) {
                            if (errors.incrementAndGet() == 1) {
                                System.err.println(workload.name() + " operation " + index + " failed: " + e);
                            }
                        }
                        latencies[index] = System.nanoTime() - began;
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(workload.name() + " did not finish", e);
        } finally {
            threads.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Timing(seconds, latencies[count / 2] / 1e6, latencies[count * 99 / 100] / 1e6, errors.get());
    }
}
