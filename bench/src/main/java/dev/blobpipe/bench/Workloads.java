package dev.blobpipe.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 6's workloads, in the order they run against every server: GETs read what the PUTs before them wrote, and the
 * mixed step reads the small objects. Every GET verifies the bytes it got.
 */
final class Workloads {
    /** Steps other than listings end by their operation count: this only stops a hung one. */
    private static final Duration NO_LIMIT = Duration.ofHours(1);
    /** Listing pages stop after this: S3Proxy spent 0.44 CPU seconds a page on 20k files here, and it grows with N. */
    private static final Duration LIST_LIMIT = Duration.ofMinutes(2);

    private Workloads() {
    }

    /** A few hundred small PUTs and GETs, run first on every server and not reported: JIT, connections, caches. */
    static List<Workload> warmUp(Scale scale, String bucket) {
        int count = scale.warmupCount();
        return List.of(
                new Workload("warm-up-put", bucket, scale.clients(), count, scale.smallBytes(), 0, NO_LIMIT,
                        (client, index) -> client.put(bucket, warmUpObject(scale, index))),
                new Workload("warm-up-get", bucket, scale.clients(), count, scale.smallBytes(), 0, NO_LIMIT,
                        (client, index) -> client.getVerified(bucket, warmUpObject(scale, index))));
    }

    static List<Workload> table(Scale scale, String bucket) {
        BenchObject large = BenchObject.of("large", scale.largeBytes(), 0);
        BenchObject multipart = BenchObject.of("multipart", scale.largeBytes(), 0);
        var table = new ArrayList<>(List.of(
                new Workload("put-large", bucket, 1, 1, scale.largeBytes(), 0, NO_LIMIT,
                        (client, index) -> client.put(bucket, large)),
                new Workload("put-multipart", bucket, 1, 1, scale.largeBytes(), 0, NO_LIMIT,
                        (client, index) -> client.putMultipart(bucket, multipart, scale.partBytes(),
                                scale.partsInFlight())),
                new Workload("put-small", bucket, scale.clients(), scale.smallCount(), scale.smallBytes(), 0, NO_LIMIT,
                        (client, index) -> client.put(bucket, small(scale, index))),
                new Workload("get-large", bucket, 1, 1, scale.largeBytes(), 0, NO_LIMIT,
                        (client, index) -> client.getVerified(bucket, large)),
                new Workload("get-small", bucket, scale.clients(), scale.smallCount(), scale.smallBytes(), 0, NO_LIMIT,
                        (client, index) -> client.getVerified(bucket, small(scale, index))),
                list("list", bucket + "-list", scale.listObjects(), scale.listPages())));
        if (scale.largeListObjects() > 0) {
            table.add(list("list-large", bucket + "-list-large", scale.largeListObjects(), scale.listPages()));
        }
        table.add(new Workload("mixed", bucket, scale.clients(), scale.mixedCount(), scale.smallBytes(), 0, NO_LIMIT,
                (client, index) -> {
                    if (index % 5 == 0) { // 20% PUT of new objects, 80% GET of put-small's
                        client.put(bucket, BenchObject.of("mixed", scale.smallBytes(), index));
                    } else {
                        client.getVerified(bucket, small(scale, index % scale.smallCount()));
                    }
                }));
        return List.copyOf(table);
    }

    /** Pages of 1,000 keys, one client, each continuing where the last ended and starting over at the end. */
    private static Workload list(String name, String bucket, long objects, int pages) {
        String[] continuation = {null}; // one client thread: no sharing
        return new Workload(name, bucket, 1, pages, 0, objects, LIST_LIMIT, (client, index) -> {
            BenchClient.ListPage page = client.listPage(bucket, continuation[0]);
            if (page.keyCount() == 0) {
                throw new IllegalStateException("empty page " + index + " of " + bucket);
            }
            continuation[0] = page.nextContinuationToken();
        });
    }

    private static BenchObject small(Scale scale, int index) {
        return BenchObject.of("small", scale.smallBytes(), index);
    }

    private static BenchObject warmUpObject(Scale scale, int index) {
        return BenchObject.of("warm-up", scale.smallBytes(), index);
    }
}
