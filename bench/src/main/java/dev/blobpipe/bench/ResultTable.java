package dev.blobpipe.bench;

import java.util.List;
import java.util.Optional;

/**
 * The comparison as text: a line per measurement, the table of ratios blobpipe/S3Proxy and blobpipe/null, and the CPU
 * per operation of each client beside the server's.
 */
final class ResultTable {
    private ResultTable() {
    }

    static String line(Measurement m) {
        return String.format("%-8s %-19s %9.1f ops/s %8.1f MB/s  p50 %8.2f ms  p99 %8.2f ms  errors %d"
                        + "  server cpu %7.2f s %7.3f ms/op  client cpu %7.3f ms/op", m.server(), m.row(),
                m.opsPerSecond(), m.megabytesPerSecond(), m.p50Ms(), m.p99Ms(), m.errors(), m.serverCpuSeconds(),
                m.cpuMsPerOperation(), m.clientCpuMsPerOperation());
    }

    /**
     * Per workload row: each server's ops/s, then blobpipe's throughput and CPU per operation as a multiple of
     * S3Proxy's and of the null ceiling's (throughput above 1 is faster; CPU above 1 costs more).
     */
    static String ratios(List<Measurement> results) {
        var text = new StringBuilder(String.format("%-19s %12s %12s %12s  %9s %9s  %9s %9s%n", "workload",
                "blobpipe/s", "s3proxy/s", "null/s", "bp/s3p", "bp/null", "cpu bp/s3p", "cpu bp/null"));
        results.stream().map(Measurement::row).distinct().forEach(row -> {
            Optional<Measurement> blobpipe = find(results, "blobpipe", row);
            Optional<Measurement> s3proxy = find(results, "s3proxy", row);
            Optional<Measurement> ceiling = find(results, "null", row);
            text.append(String.format("%-19s %12s %12s %12s  %9s %9s  %9s %9s%n", row,
                    rate(blobpipe), rate(s3proxy), rate(ceiling),
                    ratio(blobpipe, s3proxy, false), ratio(blobpipe, ceiling, false),
                    ratio(blobpipe, s3proxy, true), ratio(blobpipe, ceiling, true)));
        });
        return text.toString();
    }

    /**
     * Per server and small-object workload: CPU milliseconds per operation of each client (this JVM) beside the
     * server's under it, so the table shows how much of a figure was the client's and how much lighter the light
     * client is.
     */
    static String clientCost(List<Measurement> results) {
        var text = new StringBuilder(String.format("%-8s %-13s %14s %14s %14s %14s %9s%n", "server", "workload",
                "sdk client", "sdk server", "light client", "light server", "sdk/light"));
        for (Measurement light : results) {
            if (light.client() != ClientKind.LIGHT) {
                continue;
            }
            Optional<Measurement> sdk = find(results, light.server(), ClientKind.SDK.row(light.workload()));
            text.append(String.format("%-8s %-13s %14s %14s %14.3f %14.3f %9s%n", light.server(), light.workload(),
                    sdk.map(m -> String.format("%.3f", m.clientCpuMsPerOperation())).orElse("-"),
                    sdk.map(m -> String.format("%.3f", m.cpuMsPerOperation())).orElse("-"),
                    light.clientCpuMsPerOperation(), light.cpuMsPerOperation(),
                    sdk.map(m -> String.format("%.2f", m.clientCpuMsPerOperation()
                            / light.clientCpuMsPerOperation())).orElse("-")));
        }
        return text.toString();
    }

    static Optional<Measurement> find(List<Measurement> results, String server, String row) {
        return results.stream().filter(m -> m.server().equals(server) && m.row().equals(row)).findFirst();
    }

    private static String rate(Optional<Measurement> m) {
        return m.map(value -> String.format("%.1f", value.opsPerSecond())).orElse("-");
    }

    private static String ratio(Optional<Measurement> top, Optional<Measurement> bottom, boolean cpu) {
        if (top.isEmpty() || bottom.isEmpty()) {
            return "-";
        }
        double numerator = cpu ? top.get().cpuMsPerOperation() : top.get().opsPerSecond();
        double denominator = cpu ? bottom.get().cpuMsPerOperation() : bottom.get().opsPerSecond();
        return denominator == 0 ? "-" : String.format("%.2f", numerator / denominator);
    }
}
