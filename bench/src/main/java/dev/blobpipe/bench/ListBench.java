package dev.blobpipe.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * Issue 5's listing figures: seeds a bucket's catalog rows directly in PostgreSQL ({@link CatalogSeed}), then
 * times ListObjectsV2 pages through the S3 API with the SDK: flat pages of 1,000 keys under a 100k-key prefix, pages
 * from random start-after keys across the bucket, and delimiter listings whose 100 common prefixes each hide 100k
 * (10M) or 10k (1M) keys. One client, one request at a time, so the figures are page latencies. Each page is timed
 * twice, through the SDK and through a raw presigned GET that does not parse the XML: the server's latency alone.
 *
 * <p>Keys: {@code logs/host-HHH/day-DDD/NNNNNNN.log}, 100 hosts x 100 days x (objects / 10,000) files.
 *
 * <p>Usage: {@code ListBench ENDPOINT ACCESS_KEY SECRET_KEY JDBC_URL [objects=1000000] [requests=300]}.
 */
public final class ListBench {
    /**
     * Pages of each kind before timing: on 2 cores the server's JIT compilers still take most of a core after 20
     * and the figures timed the compiler, not the server.
     */
    private static final int WARM_UP = 100;

    private ListBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: ListBench ENDPOINT ACCESS_KEY SECRET_KEY JDBC_URL [objects=1000000] [requests=300]");
            System.exit(2);
        }
        long objects = args.length > 4 ? Long.parseLong(args[4]) : 1_000_000;
        int requests = args.length > 5 ? Integer.parseInt(args[5]) : 300;
        if (objects % 10_000 != 0) {
            throw new IllegalArgumentException("objects must be a multiple of 10,000");
        }
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(args[0]))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[1], args[2])))
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder())
                .build()) {
            String bucket = "list-" + System.currentTimeMillis();
            s3.createBucket(request -> request.bucket(bucket));
            seed(args[3], bucket, objects);
            long filesPerDay = objects / 10_000;
            var raw = new RawListing(args[0], args[1], args[2]);
            var random = new Random(42);
            String[] startAfter = new String[requests + WARM_UP];
            Arrays.setAll(startAfter, i -> key(random.nextInt(100), random.nextInt(100), random.nextLong(filesPerDay)));
            String[] hosts = new String[requests + WARM_UP];
            Arrays.setAll(hosts, i -> "logs/host-" + pad(random.nextInt(100), 3) + "/");

            String[] continuation = {null};
            String[] rawContinuation = {null};
            measure("flat pages (prefix of 100 days, continuation)", requests, i -> {
                ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket)
                        .prefix("logs/host-042/").maxKeys(1000).continuationToken(continuation[0]).build());
                continuation[0] = page.isTruncated() ? page.nextContinuationToken() : null;
                return page.keyCount();
            }, i -> {
                RawListing.Page page = raw.list(bucket, parameters("prefix", "logs/host-042/", "max-keys", "1000",
                        "continuation-token", rawContinuation[0]));
                rawContinuation[0] = page.nextContinuationToken();
                return page.bytes();
            });
            measure("random start-after pages", requests, i -> s3.listObjectsV2(ListObjectsV2Request.builder()
                    .bucket(bucket).maxKeys(1000).startAfter(startAfter[i]).build()).keyCount(),
                    i -> raw.list(bucket, parameters("max-keys", "1000", "start-after", startAfter[i])).bytes());
            measure("delimiter at logs/ (100 prefixes)", requests, i -> s3.listObjectsV2(ListObjectsV2Request
                    .builder().bucket(bucket).prefix("logs/").delimiter("/").maxKeys(1000).build())
                    .commonPrefixes().size(),
                    i -> raw.list(bucket, parameters("prefix", "logs/", "delimiter", "/", "max-keys", "1000")).bytes());
            measure("delimiter in a host (100 prefixes)", requests, i -> s3.listObjectsV2(ListObjectsV2Request
                    .builder().bucket(bucket).prefix(hosts[i]).delimiter("/").maxKeys(1000).build())
                    .commonPrefixes().size(),
                    i -> raw.list(bucket, parameters("prefix", hosts[i], "delimiter", "/", "max-keys", "1000"))
                            .bytes());
        }
    }

    private static void seed(String jdbcUrl, String bucket, long objects) throws Exception {
        long start = System.nanoTime();
        CatalogSeed.insert(jdbcUrl, bucket, objects, CatalogSeed.LOG_KEYS);
        System.out.printf("seed    %,d objects straight into the catalog and vacuumed in %.0f s (not through S3: see CatalogSeed)%n",
                objects, CoreBench.seconds(start));
    }

    /**
     * Times the same kind of page through the SDK (which unmarshals the XML into objects) and through a presigned GET
     * read to its end without parsing ({@link RawListing}), alternating request by request so both see the same
     * machine: the difference is the SDK's own work on the client side.
     */
    private static void measure(String name, int requests, IntUnaryOperator sdk, IntToLongFunction raw) {
        for (int i = 0; i < WARM_UP; i++) {
            sdk.applyAsInt(requests + i); // warm-up: JIT, connection, PostgreSQL's caches
            raw.applyAsLong(requests + i);
        }
        long[] sdkLatencies = new long[requests];
        long[] rawLatencies = new long[requests];
        long entries = 0;
        long bytes = 0;
        for (int i = 0; i < requests; i++) {
            long began = System.nanoTime();
            entries += sdk.applyAsInt(i);
            long between = System.nanoTime();
            bytes += raw.applyAsLong(i);
            rawLatencies[i] = System.nanoTime() - between;
            sdkLatencies[i] = between - began;
        }
        print(name, "sdk", sdkLatencies, String.format("%,d entries/page", entries / requests));
        print(name, "raw http", rawLatencies, String.format("%,d bytes/page", bytes / requests));
    }

    private static void print(String name, String client, long[] latencies, String size) {
        Arrays.sort(latencies);
        int n = latencies.length;
        System.out.printf("%-46s %-8s %d pages  p50 %5.1f ms  p90 %5.1f ms  p99 %5.1f ms  max %5.1f ms  (%s)%n",
                name, client, n, latencies[n / 2] / 1e6, latencies[n * 9 / 10] / 1e6, latencies[n * 99 / 100] / 1e6,
                latencies[n - 1] / 1e6, size);
    }

    /** Query parameters from name, value pairs, in order; a null value is left out by {@link RawListing}. */
    private static Map<String, String> parameters(String... pairs) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.put(pairs[i], pairs[i + 1]);
        }
        return parameters;
    }

    private static String key(int host, int day, long file) {
        return "logs/host-" + pad(host, 3) + "/day-" + pad(day, 3) + "/" + pad(file, 7) + ".log";
    }

    private static String pad(long value, int width) {
        return String.format("%0" + width + "d", value);
    }
}
