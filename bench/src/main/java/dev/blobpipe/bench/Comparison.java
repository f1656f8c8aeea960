package dev.blobpipe.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the same warm-up and workloads against each server in turn, one server up at a time, each on a fresh work
 * directory, and measures the client's figures and the server's CPU around every workload.
 */
final class Comparison {
    private final Scale scale;
    private final ServerKind.Classpaths classpaths;
    private final String heap;
    private final PrintStream out;

    Comparison(Scale scale, ServerKind.Classpaths classpaths, String heap, PrintStream out) {
        this.scale = scale;
        this.classpaths = classpaths;
        this.heap = heap;
        this.out = out;
    }

    List<Measurement> run(List<ServerKind> servers) throws IOException, InterruptedException {
        var results = new ArrayList<Measurement>();
        for (ServerKind kind : servers) {
            Path workDir = Files.createTempDirectory("blobpipe-compare-" + kind.label() + "-");
            try (BenchServer server = kind.start(classpaths, workDir, heap);
                 BenchClient client = new SdkBenchClient(server.endpoint(), BenchServer.ACCESS_KEY,
                         BenchServer.SECRET_KEY, scale.clients() * 2)) {
                out.printf("%s at %s (%s)%n", server.name(), server.endpoint(), heap);
                results.addAll(runAll(server, client));
            } finally {
                deleteTree(workDir);
            }
        }
        return results;
    }

    private List<Measurement> runAll(BenchServer server, BenchClient client)
            throws IOException, InterruptedException {
        String bucket = "compare-" + System.currentTimeMillis();
        Set<String> buckets = new HashSet<>();
        for (Workload warmUp : Workloads.warmUp(scale, bucket)) {
            prepare(server, client, warmUp, buckets);
            LoadRunner.Timing timing = LoadRunner.run(warmUp, client);
            if (timing.errors() > 0) {
                throw new IllegalStateException(server.name() + " failed " + timing.errors() + " warm-up operations");
            }
        }
        var results = new ArrayList<Measurement>();
        for (Workload workload : Workloads.table(scale, bucket)) {
            if (workload.seededObjects() > 0 && !server.listsAtScale(workload.seededObjects())) {
                out.printf("%-8s %-13s skipped: not listed at %,d objects on this server%n", server.name(),
                        workload.name(), workload.seededObjects());
                continue;
            }
            String note = prepare(server, client, workload, buckets);
            double cpuBefore = ProcessTreeCpu.seconds(server.processRoots());
            LoadRunner.Timing timing = LoadRunner.run(workload, client);
            double cpu = ProcessTreeCpu.seconds(server.processRoots()) - cpuBefore;
            var measurement = new Measurement(server.name(), workload.name(), timing.operations(),
                    timing.operations() * workload.bytesPerOperation(), timing.seconds(), timing.p50Ms(),
                    timing.p99Ms(), timing.errors(), cpu, note);
            out.println(ResultTable.line(measurement));
            results.add(measurement);
        }
        return results;
    }

    /** Creates the workload's bucket on first use and seeds it when it needs objects to list; says how it seeded. */
    private String prepare(BenchServer server, BenchClient client, Workload workload, Set<String> buckets)
            throws IOException {
        if (!buckets.add(workload.bucket())) {
            return "";
        }
        client.createBucket(workload.bucket());
        if (workload.seededObjects() == 0) {
            return "";
        }
        long start = System.nanoTime();
        String how = server.seedListing(workload.bucket(), workload.seededObjects());
        String note = String.format("%,d objects seeded, %s", workload.seededObjects(), how);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("%-8s %-13s %s in %.0f s%n", server.name(), workload.name(), note, seconds);
        return note;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
