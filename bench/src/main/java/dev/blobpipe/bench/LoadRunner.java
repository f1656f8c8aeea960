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
    private LoadRunner() {
    }

    /** The figures of one run: operations done (fewer than asked past the time limit), their latencies, errors. */
    record Timing(int operations, double seconds, double p50Ms, double p99Ms, long errors) {
    }

    static Timing run(Workload workload, BenchClient client) throws InterruptedException {
        int count = workload.operations();
        var next = new AtomicInteger();
        var errors = new AtomicLong();
        long[] latencies = new long[count];
        Arrays.fill(latencies, -1); // an operation not started for the time limit keeps it
        ExecutorService threads = Executors.newFixedThreadPool(workload.clients());
        long start = System.nanoTime();
        long deadline = start + workload.timeLimit().toNanos();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < workload.clients(); c++) {
                workers.add(threads.submit(() -> {
                    for (int index = next.getAndIncrement(); index < count; index = next.getAndIncrement()) {
                        long began = System.nanoTime();
                        if (began > deadline) {
                            break;
                        }
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
                // an operation under way at the deadline may finish: the limit is when the last one starts
                worker.get(workload.timeLimit().toMinutes() + 10, TimeUnit.MINUTES);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(workload.name() + " did not finish", e);
        } finally {
            threads.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] taken = Arrays.stream(latencies).filter(latency -> latency >= 0).sorted().toArray();
        int operations = taken.length;
        return new Timing(operations, seconds, taken[operations / 2] / 1e6, taken[operations * 99 / 100] / 1e6,
                errors.get());
    }
}
