package dev.blobpipe.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 6's side-by-side benchmark: blobpipe dev, S3Proxy (filesystem backend) and a null server, one after the other
 * on this machine, each driven with the same warm-up and workloads by the AWS SDK v2, the small-object ones also by a
 * light presigned-URL client; prints each run's figures, the ratios and each client's CPU per operation beside the
 * server's, and with {@code --results=DIR} writes them as JSON and an SVG chart. Run it through bench/compare.sh.
 *
 * <p>Usage: {@code CompareBench --blobpipe-classpath=CP --s3proxy-classpath=CP [--smoke]
 * [--servers=blobpipe,s3proxy,null] [--heap="-Xms256m -Xmx256m"] [--results=DIR] [name=value...]} with the setting names
 * of {@link Scale}; {@code --heap} holds each server JVM's heap options, space-separated, and
 * {@code --blobpipe-jvm-options} the options bin/blobpipe adds for blobpipe (compare.sh passes bin/jvm.options). The
 * null server runs from this JVM's classpath unless {@code --bench-classpath=CP} says otherwise.
 */
public final class CompareBench {
    static final String DEFAULT_HEAP = "-Xms256m -Xmx256m";

    private CompareBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        Map<String, String> scaleSettings = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (arg.startsWith("--")) {
                options.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals),
                        equals < 0 ? "true" : arg.substring(equals + 1));
            } else if (equals > 0) {
                scaleSettings.put(arg.substring(0, equals), arg.substring(equals + 1));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + " (see CompareBench's Javadoc)");
            }
        }
        List<Measurement> results = run(options, scaleSettings);
        long errors = results.stream().mapToLong(Measurement::errors).sum();
        System.exit(errors == 0 ? 0 : 1);
    }

    /** Runs the comparison as {@link #main} would and returns its measurements. */
    static List<Measurement> run(Map<String, String> options, Map<String, String> scaleSettings) throws Exception {
        Scale scale = Scale.of(options.containsKey("smoke"), scaleSettings);
        var classpaths = new ServerKind.Classpaths(options.getOrDefault("blobpipe-classpath", ""),
                options.getOrDefault("s3proxy-classpath", ""),
                options.getOrDefault("bench-classpath", System.getProperty("java.class.path")),
                options.getOrDefault("blobpipe-jvm-options", ""));
        var servers = new ArrayList<ServerKind>();
        for (String name : options.getOrDefault("servers", "blobpipe,s3proxy,null").split(",")) {
            servers.add(ServerKind.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        }
        // the initial heap at its maximum, as servers are run: G1 otherwise keeps the heap near twice the live set
        // and, above its occupancy threshold, runs a marking cycle every second or so whose remark pauses were
        // 10-18 ms (blobpipe dev's ~60 MiB live at a 130 MiB heap), the whole tail of a list page's latency
        String heap = options.getOrDefault("heap", DEFAULT_HEAP);
        List<Measurement> results = new Comparison(scale, classpaths, heap, System.out).run(servers);
        System.out.println();
        System.out.print(ResultTable.ratios(results));
        System.out.println();
        System.out.println("CPU ms per operation: each client (this JVM, timed part only) beside the server under it");
        System.out.print(ResultTable.clientCost(results));
        if (options.containsKey("results")) {
            write(Path.of(options.get("results")), scale, results);
        }
        return results;
    }

    private static void write(Path dir, Scale scale, List<Measurement> results) throws Exception {
        Instant now = Instant.now();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(now);
        Files.createDirectories(dir);
        String json = ResultsJson.of(now, scale, results);
        Path named = Files.writeString(dir.resolve("compare-" + stamp + ".json"), json);
        Files.writeString(dir.resolve("latest.json"), json);
        String svg = SvgChart.of("blobpipe vs S3Proxy vs null server, " + stamp, results);
        Files.writeString(dir.resolve("compare-" + stamp + ".svg"), svg);
        Files.writeString(dir.resolve("latest.svg"), svg);
        System.out.println("results: " + named + " (and latest.json, latest.svg beside it)");
    }
}
