package dev.blobpipe.bench;

/**
 * What one workload did against one server through one client: the client's figures, the CPU the server's processes
 * spent (including the work the step left behind, until the server was quiet again), and the CPU this JVM, the
 * client, spent on the timed part.
 */
record Measurement(String server, String workload, ClientKind client, int operations, long bytes, double seconds,
                   double p50Ms, double p99Ms, long errors, double serverCpuSeconds, double clientCpuSeconds,
                   String note) {
    /** The row of tables and charts: the workload, marked when the light client drove it. */
    String row() {
        return client.row(workload);
    }

    double opsPerSecond() {
        return operations / seconds;
    }

    double megabytesPerSecond() {
        return bytes / 1e6 / seconds;
    }

    double cpuMsPerOperation() {
        return serverCpuSeconds * 1000 / operations;
    }

    double clientCpuMsPerOperation() {
        return clientCpuSeconds * 1000 / operations;
    }
}
