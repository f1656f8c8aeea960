package dev.blobpipe.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the same warm-up and workloads against each server in turn, one server up at a time, each on a fresh work
 * directory, and measures the client's figures, its CPU and the server's around every workload. A step's server CPU
 * runs until the server is quiet again: blobpipe archives after a PUT has been answered, and that work belongs to the
 * step that caused it, not to the next one.
 */
final class Comparison {
    /** A server is quiet when its processes spend under this share of one core over a window. */
    private static final double QUIET_CORE_SHARE = 0.1;
    private static final Duration QUIET_WINDOW = Duration.ofMillis(500);
    /** Past this the step's figures are taken anyway, and say so. */
    private static final Duration QUIET_LIMIT = Duration.ofSeconds(30);

    /** The light client's HTTP threads: they only parse answers and check bodies, never wait on the network. */
    private static final int LIGHT_CLIENT_THREADS = 2;

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
        warmUpClients();
        var results = new ArrayList<Measurement>();
        for (ServerKind kind : servers) {
            Path workDir = Files.createTempDirectory("blobpipe-compare-" + kind.label() + "-");
            try (BenchServer server = kind.start(classpaths, workDir, heap);
                 BenchClient sdk = new SdkBenchClient(server.endpoint(), BenchServer.ACCESS_KEY,
                         BenchServer.SECRET_KEY, scale.clients() * 2);
                 BenchClient light = new PresignedBenchClient(server.endpoint(), BenchServer.ACCESS_KEY,
                         BenchServer.SECRET_KEY, LIGHT_CLIENT_THREADS)) {
                out.printf("%s at %s (%s)%n", server.name(), server.endpoint(), heap);
                results.addAll(runAll(server, Map.of(ClientKind.SDK, sdk, ClientKind.LIGHT, light)));
            } finally {
                deleteTree(workDir);
            }
        }
        return results;
    }

    /**
     * Runs both clients' small PUTs and GETs against a null server in this JVM until the JIT has compiled their paths,
     * so that the compiling does not take the 2 cores from the first server under test (blobpipe, whose warm-up is
     * slow). The servers' own warm-up still follows.
     */
    private void warmUpClients() throws IOException, InterruptedException {
        try (NullS3Server server = NullS3Server.start(0);
             BenchClient sdk = new SdkBenchClient(server.endpoint(), BenchServer.ACCESS_KEY, BenchServer.SECRET_KEY,
                     scale.clients() * 2);
             BenchClient light = new PresignedBenchClient(server.endpoint(), BenchServer.ACCESS_KEY,
                     BenchServer.SECRET_KEY, LIGHT_CLIENT_THREADS)) {
            long start = System.nanoTime();
            Map<ClientKind, BenchClient> clients = Map.of(ClientKind.SDK, sdk, ClientKind.LIGHT, light);
            for (Workload warmUp : Workloads.clientWarmUp(scale, "client-warm-up")) {
                runWarmUp("the clients against the in-process null server", warmUp, clients.get(warmUp.client()));
            }
            out.printf("clients warmed up against an in-process null server in %.0f s%n",
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private List<Measurement> runAll(BenchServer server, Map<ClientKind, BenchClient> clients)
            throws IOException, InterruptedException {
        String bucket = "compare-" + System.currentTimeMillis();
        Set<String> buckets = new HashSet<>();
        BenchClient sdk = clients.get(ClientKind.SDK);
        warmUp(server, clients, bucket, buckets);
        var results = new ArrayList<Measurement>();
        for (Workload workload : Workloads.table(scale, bucket)) {
            if (workload.seededObjects() > 0 && !server.listsAtScale(workload.seededObjects())) {
                out.printf("%-8s %-19s skipped: not listed at %,d objects on this server%n", server.name(),
                        workload.row(), workload.seededObjects());
                continue;
            }
            BenchClient client = clients.get(workload.client());
            String note = prepare(server, sdk, workload, buckets);
            client.prepare(workload.requests());
            if (!note.isEmpty()) {
                awaitQuiet(server); // seeding a listing keeps PostgreSQL busy for a while
            }
            double serverBefore = ProcessTreeCpu.seconds(server.processRoots());
            double clientBefore = ClientCpu.seconds();
            LoadRunner.Timing timing = LoadRunner.run(workload, client);
            double clientCpu = ClientCpu.seconds() - clientBefore;
            if (!awaitQuiet(server)) {
                note = (note.isEmpty() ? "" : note + "; ") + "server still busy " + QUIET_LIMIT.toSeconds()
                        + " s after the step";
            }
            double serverCpu = ProcessTreeCpu.seconds(server.processRoots()) - serverBefore;
            var measurement = new Measurement(server.name(), workload.name(), workload.client(), timing.operations(),
                    timing.operations() * workload.bytesPerOperation(), timing.seconds(), timing.p50Ms(),
                    timing.p99Ms(), timing.errors(), serverCpu, clientCpu, note);
            out.println(ResultTable.line(measurement));
            results.add(measurement);
        }
        return results;
    }

    /**
     * Runs {@link Scale#warmupRounds} warm-up rounds and prints each one's server CPU: a JVM compiles for minutes under
     * a new load (blobpipe's, which holds a Kafka broker and every role, spent a third of its CPU in the JIT over the
     * first 60,000 small requests, and its CPU per round fell by two thirds over six rounds), and the table is meant to
     * show each server running its compiled code. Every server gets the same rounds.
     */
    private void warmUp(BenchServer server, Map<ClientKind, BenchClient> clients, String bucket, Set<String> buckets)
            throws IOException, InterruptedException {
        for (int round = 1; round <= scale.warmupRounds(); round++) {
            long start = System.nanoTime();
            double serverBefore = ProcessTreeCpu.seconds(server.processRoots());
            for (Workload warmUp : Workloads.warmUp(scale, bucket, round)) {
                prepare(server, clients.get(ClientKind.SDK), warmUp, buckets);
                runWarmUp(server.name(), warmUp, clients.get(warmUp.client()));
            }
            awaitQuiet(server);
            out.printf("%-8s warm-up round %d of %d: %.0f s, server cpu %.1f s%n", server.name(), round,
                    scale.warmupRounds(), (System.nanoTime() - start) / 1e9,
                    ProcessTreeCpu.seconds(server.processRoots()) - serverBefore);
        }
    }

    /** Runs an unreported warm-up step; any failed operation ends the comparison, naming {@code who} failed. */
    private static void runWarmUp(String who, Workload warmUp, BenchClient client)
            throws IOException, InterruptedException {
        client.prepare(warmUp.requests());
        LoadRunner.Timing timing = LoadRunner.run(warmUp, client);
        if (timing.errors() > 0) {
            throw new IllegalStateException(who + " failed " + timing.errors() + " warm-up operations "
                    + warmUp.row());
        }
    }

    /** Waits until the server's processes idle (true) or {@link #QUIET_LIMIT} passes (false). */
    private static boolean awaitQuiet(BenchServer server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + QUIET_LIMIT.toNanos();
        double last = ProcessTreeCpu.seconds(server.processRoots());
        while (System.nanoTime() < deadline) {
            Thread.sleep(QUIET_WINDOW.toMillis()); // a CPU rate needs a window of time: there is nothing to wait on
            double now = ProcessTreeCpu.seconds(server.processRoots());
            if (now - last < QUIET_CORE_SHARE * QUIET_WINDOW.toMillis() / 1000.0) {
                return true;
            }
            last = now;
        }
        return false;
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
        out.printf("%-8s %-19s %s in %.0f s%n", server.name(), workload.row(), note, seconds);
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
