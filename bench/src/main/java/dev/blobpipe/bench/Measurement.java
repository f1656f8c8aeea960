package dev.blobpipe.bench;

/** What one workload did against one server: the client's figures, and the CPU the server's processes spent. */
record Measurement(String server, String workload, int operations, long bytes, double seconds, double p50Ms,
                   double p99Ms, long errors, double serverCpuSeconds, String note) {
    double opsPerSecond() {
        return operations / seconds;
    }

    double megabytesPerSecond() {
        return bytes / 1e6 / seconds;
    }

    double cpuMsPerOperation() {
        return serverCpuSeconds * 1000 / operations;
    }
}
