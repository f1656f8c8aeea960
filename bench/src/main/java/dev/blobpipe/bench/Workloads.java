package dev.blobpipe.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Issue 6's workloads, in the order they run against every server: GETs read what the PUTs before them wrote, and the
 * mixed step reads the small objects. Every GET verifies the bytes it got. Each small-object step runs twice, with
 * the SDK and then with the light client: the light PUTs write keys of their own, the light GETs read the same objects
 * as the SDK's, so the two rows differ in the client only.
 */
final class Workloads {
    /** Steps other than listings end by their operation count: this only stops a hung one. */
    private static final Duration NO_LIMIT = Duration.ofHours(1);
    /** Listing pages stop after this: S3Proxy spent 0.44 CPU seconds a page on 20k files here, and it grows with N. */
    private static final Duration LIST_LIMIT = Duration.ofMinutes(2);

    private Workloads() {
    }

    /**
     * One round of the warm-up, run before the table on every server and not reported: each client's small PUTs of
     * new keys and GETs of them, one large PUT, GET and multipart upload (the chunked paths), and listing pages of a
     * small seeded bucket (without them the table's first listing ran while its path was compiled: page p99 50 ms at
     * 1M keys against 17 ms at 10M, which came after it). The comparison runs
     * {@link Scale#warmupRounds} of them, so that the JIT has compiled a server's paths before they are measured.
     */
    static List<Workload> warmUp(Scale scale, String bucket, int round) {
        var steps = new ArrayList<>(smallWarmUp(scale, bucket, "warm-up-" + round, scale.warmupCount()));
        BenchObject large = BenchObject.of("warm-up-large", scale.warmupLargeBytes(), 0);
        steps.add(single("warm-up-put-large", bucket, large.sizeBytes(), (client, index) -> client.put(bucket, large)));
        steps.add(single("warm-up-get-large", bucket, large.sizeBytes(),
                (client, index) -> client.getVerified(bucket, large)));
        steps.add(single("warm-up-put-multipart", bucket, large.sizeBytes(), (client, index) ->
                client.putMultipart(bucket, large, scale.partBytes(), scale.partsInFlight())));
        // a small bucket of its own: S3Proxy reads its whole directory for every page
        steps.add(list("warm-up-list", bucket + "-warm-up-list", scale.warmupListObjects(), scale.warmupListPages()));
        return List.copyOf(steps);
    }

    /**
     * Twice a warm-up round's small PUTs and GETs per client, against an in-process null server before any server
     * runs: enough requests for the JIT to compile both clients' paths (a few seconds at full scale).
     */
    static List<Workload> clientWarmUp(Scale scale, String bucket) {
        return smallWarmUp(scale, bucket, "client-warm-up", scale.warmupCount() * 2);
    }

    private static List<Workload> smallWarmUp(Scale scale, String bucket, String keyGroup, int count) {
        var steps = new ArrayList<Workload>();
        for (ClientKind client : ClientKind.values()) {
            String group = keyGroup + (client == ClientKind.SDK ? "" : "-light");
            steps.add(small(scale, "warm-up-put", bucket, client, count,
                    index -> ObjectRequest.put(bucket, BenchObject.of(group, scale.smallBytes(), index))));
            steps.add(small(scale, "warm-up-get", bucket, client, count,
                    index -> ObjectRequest.get(bucket, BenchObject.of(group, scale.smallBytes(), index))));
        }
        return steps;
    }

    static List<Workload> table(Scale scale, String bucket) {
        BenchObject large = BenchObject.of("large", scale.largeBytes(), 0);
        BenchObject multipart = BenchObject.of("multipart", scale.largeBytes(), 0);
        var table = new ArrayList<Workload>();
        table.add(single("put-large", bucket, scale.largeBytes(), (client, index) -> client.put(bucket, large)));
        table.add(single("put-multipart", bucket, scale.largeBytes(), (client, index) ->
                client.putMultipart(bucket, multipart, scale.partBytes(), scale.partsInFlight())));
        for (ClientKind client : ClientKind.values()) {
            String group = client == ClientKind.SDK ? "small" : "small-light";
            table.add(small(scale, "put-small", bucket, client, scale.smallCount(),
                    index -> ObjectRequest.put(bucket, BenchObject.of(group, scale.smallBytes(), index))));
        }
        table.add(single("get-large", bucket, scale.largeBytes(),
                (client, index) -> client.getVerified(bucket, large)));
        for (ClientKind client : ClientKind.values()) {
            table.add(small(scale, "get-small", bucket, client, scale.smallCount(),
                    index -> ObjectRequest.get(bucket, smallObject(scale, index))));
        }
        table.add(list("list", bucket + "-list", scale.listObjects(), scale.listPages()));
        if (scale.largeListObjects() > 0) {
            table.add(list("list-large", bucket + "-list-large", scale.largeListObjects(), scale.listPages()));
        }
        for (ClientKind client : ClientKind.values()) {
            String group = client == ClientKind.SDK ? "mixed" : "mixed-light";
            table.add(small(scale, "mixed", bucket, client, scale.mixedCount(), index -> index % 5 == 0
                    // 20% PUT of new objects, 80% GET of put-small's
                    ? ObjectRequest.put(bucket, BenchObject.of(group, scale.smallBytes(), index))
                    : ObjectRequest.get(bucket, smallObject(scale, index % scale.smallCount()))));
        }
        return List.copyOf(table);
    }

    private static Workload single(String name, String bucket, long bytes, Workload.Operation operation) {
        return new Workload(name, bucket, ClientKind.SDK, 1, 1, bytes, 0, NO_LIMIT, List.of(), operation);
    }

    private static Workload small(Scale scale, String name, String bucket, ClientKind client, int count,
                                  IntFunction<ObjectRequest> request) {
        return Workload.ofRequests(name, bucket, client, scale.clients(), scale.smallBytes(), NO_LIMIT,
                IntStream.range(0, count).mapToObj(request).toList());
    }

    /** Pages of 1,000 keys, one client, each continuing where the last ended and starting over at the end. */
    private static Workload list(String name, String bucket, long objects, int pages) {
        String[] continuation = {null}; // one client thread: no sharing
        return new Workload(name, bucket, ClientKind.SDK, 1, pages, 0, objects, LIST_LIMIT, List.of(),
                (client, index) -> {
                    BenchClient.ListPage page = client.listPage(bucket, continuation[0]);
                    if (page.keyCount() == 0) {
                        throw new IllegalStateException("empty page " + index + " of " + bucket);
                    }
                    continuation[0] = page.nextContinuationToken();
                });
    }

    private static BenchObject smallObject(Scale scale, int index) {
        return BenchObject.of("small", scale.smallBytes(), index);
    }
}
