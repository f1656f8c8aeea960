package dev.blobpipe.bench;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The comparison's results as JSON: when, at what scale, and every measurement with its derived figures. */
final class ResultsJson {
    private ResultsJson() {
    }

    static String of(Instant when, Scale scale, List<Measurement> results) {
        String measurements = results.stream().map(ResultsJson::measurement)
                .collect(Collectors.joining(",\n    ", "[\n    ", "\n  ]"));
        return String.format(Locale.ROOT, "{%n  \"timestamp\": %s,%n  \"scale\": %s,%n  \"results\": %s%n}%n",
                quote(when.toString()), scale(scale), measurements);
    }

    private static String scale(Scale scale) {
        return String.format(Locale.ROOT, "{\"largeBytes\": %d, \"partBytes\": %d, \"partsInFlight\": %d,"
                        + " \"smallBytes\": %d, \"smallCount\": %d, \"clients\": %d, \"listObjects\": %d,"
                        + " \"largeListObjects\": %d, \"listPages\": %d, \"mixedCount\": %d, \"warmupCount\": %d,"
                        + " \"warmupRounds\": %d}",
                scale.largeBytes(), scale.partBytes(), scale.partsInFlight(), scale.smallBytes(), scale.smallCount(),
                scale.clients(), scale.listObjects(), scale.largeListObjects(), scale.listPages(), scale.mixedCount(),
                scale.warmupCount(), scale.warmupRounds());
    }

    private static String measurement(Measurement m) {
        return String.format(Locale.ROOT, "{\"server\": %s, \"workload\": %s, \"client\": %s, \"row\": %s,"
                        + " \"operations\": %d, \"bytes\": %d, \"seconds\": %.4f, \"opsPerSecond\": %.2f,"
                        + " \"mbPerSecond\": %.2f, \"p50Ms\": %.3f, \"p99Ms\": %.3f, \"errors\": %d,"
                        + " \"serverCpuSeconds\": %.2f, \"cpuMsPerOperation\": %.4f, \"clientCpuSeconds\": %.2f,"
                        + " \"clientCpuMsPerOperation\": %.4f, \"note\": %s}", quote(m.server()), quote(m.workload()),
                quote(m.client().label()), quote(m.row()), m.operations(), m.bytes(), m.seconds(), m.opsPerSecond(),
                m.megabytesPerSecond(), m.p50Ms(), m.p99Ms(), m.errors(), m.serverCpuSeconds(), m.cpuMsPerOperation(),
                m.clientCpuSeconds(), m.clientCpuMsPerOperation(), quote(m.note()));
    }

    /** Our strings are names and notes we wrote: quotes and backslashes are all that need escaping. */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
