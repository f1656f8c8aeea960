package dev.blobpipe.bench;

import java.time.Duration;

/**
 * One measured step of the comparison: {@code operations} calls of {@code operation} on {@code bucket}, by
 * {@code clients} threads at once, each moving {@code bytesPerOperation}. A listing step names how many objects its
 * bucket must hold first ({@code seededObjects}, else 0); the servers put them there directly, not through S3. No
 * operation starts after {@code timeLimit}: the step then reports the operations it did.
 */
record Workload(String name, String bucket, int clients, int operations, long bytesPerOperation,
                long seededObjects, Duration timeLimit, Operation operation) {
    Workload {
        if (clients < 1 || operations < 1 || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException(name + ": clients, operations and time limit must be positive");
        }
    }

    /** Operation number {@code index} (0 to operations - 1) of the step, through the shared client. */
    interface Operation {
        void run(BenchClient client, int index) throws Exception;
    }
}
