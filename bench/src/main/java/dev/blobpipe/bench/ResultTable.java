package dev.blobpipe.bench;

import java.util.List;
import java.util.Optional;

/** The comparison as text: a line per measurement, and the table of ratios blobpipe/S3Proxy and blobpipe/null. */
final class ResultTable {
    private ResultTable() {
    }

    static String line(Measurement m) {
        return String.format("%-8s %-13s %9.1f ops/s %8.1f MB/s  p50 %8.2f ms  p99 %8.2f ms  errors %d"
                        + "  server cpu %7.2f s  %7.3f ms/op", m.server(), m.workload(), m.opsPerSecond(),
                m.megabytesPerSecond(), m.p50Ms(), m.p99Ms(), m.errors(), m.serverCpuSeconds(), m.cpuMsPerOperation());
    }

    /**
     * Per workload: each server's ops/s, then blobpipe's throughput and CPU per operation as a multiple of S3Proxy's
     * and of the null ceiling's (throughput above 1 is faster; CPU above 1 costs more).
     */
    static String ratios(List<Measurement> results) {
        var text = new StringBuilder(String.format("%-13s %12s %12s %12s  %9s %9s  %9s %9s%n", "workload",
                "blobpipe/s", "s3proxy/s", "null/s", "bp/s3p", "bp/null", "cpu bp/s3p", "cpu bp/null"));
        results.stream().map(Measurement::workload).distinct().forEach(workload -> {
            Optional<Measurement> blobpipe = find(results, "blobpipe", workload);
            Optional<Measurement> s3proxy = find(results, "s3proxy", workload);
            Optional<Measurement> ceiling = find(results, "null", workload);
            text.append(String.format("%-13s %12s %12s %12s  %9s %9s  %9s %9s%n", workload,
                    rate(blobpipe), rate(s3proxy), rate(ceiling),
                    ratio(blobpipe, s3proxy, false), ratio(blobpipe, ceiling, false),
                    ratio(blobpipe, s3proxy, true), ratio(blobpipe, ceiling, true)));
        });
        return text.toString();
    }

    static Optional<Measurement> find(List<Measurement> results, String server, String workload) {
        return results.stream().filter(m -> m.server().equals(server) && m.workload().equals(workload)).findFirst();
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
