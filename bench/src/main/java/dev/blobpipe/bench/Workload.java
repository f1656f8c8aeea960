package dev.blobpipe.bench;

import java.time.Duration;
import java.util.List;

/**
 * One measured step of the comparison: {@code operations} calls of {@code operation} on {@code bucket}, by
 * {@code clients} threads at once through the {@code client}, each moving {@code bytesPerOperation}. A listing step
 * names how many objects its bucket must hold first ({@code seededObjects}, else 0); the servers put them there
 * directly, not through S3. No operation starts after {@code timeLimit}: the step then reports the operations it did.
 * A small-object step lists its {@code requests} (operation i sends request i), which the client may prepare untimed;
 * other steps have none.
 */
record Workload(String name, String bucket, ClientKind client, int clients, int operations, long bytesPerOperation,
                long seededObjects, Duration timeLimit, List<ObjectRequest> requests, Operation operation) {
    Workload {
        if (clients < 1 || operations < 1 || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException(name + ": clients, operations and time limit must be positive");
        }
        requests = List.copyOf(requests);
        if (!requests.isEmpty() && requests.size() != operations) {
            throw new IllegalArgumentException(name + ": " + requests.size() + " requests for " + operations
                    + " operations");
        }
    }

    /** A step of one request per operation, sent in list order by {@code clients} threads. */
    static Workload ofRequests(String name, String bucket, ClientKind client, int clients, long bytesPerOperation,
                               Duration timeLimit, List<ObjectRequest> requests) {
        List<ObjectRequest> copy = List.copyOf(requests);
        return new Workload(name, bucket, client, clients, copy.size(), bytesPerOperation, 0, timeLimit, copy,
                (benchClient, index) -> copy.get(index).sendWith(benchClient));
    }

    /** The name of the step's row in tables and charts: the workload's, marked when the light client drove it. */
    String row() {
        return client.row(name);
    }

    /** Operation number {@code index} (0 to operations - 1) of the step, through the shared client. */
    interface Operation {
        void run(BenchClient client, int index) throws Exception;
    }
}
