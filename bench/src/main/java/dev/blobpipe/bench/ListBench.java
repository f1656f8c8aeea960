package dev.blobpipe.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntFunction;
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
 * (10M) or 10k (1M) keys. One client, one request at a time, so the figures are page latencies.
 *
 * <p>Keys: {@code logs/host-HHH/day-DDD/NNNNNNN.log}, 100 hosts x 100 days x (objects / 10,000) files.
 *
 * <p>Usage: {@code ListBench ENDPOINT ACCESS_KEY SECRET_KEY JDBC_URL [objects=1000000] [requests=300]}.
 */
public final class ListBench {
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
            var random = new Random(42);

            String[] continuation = {null};
            measure("flat pages (prefix of 100 days, continuation)", requests, i -> {
                ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket)
                        .prefix("logs/host-042/").maxKeys(1000).continuationToken(continuation[0]).build());
                continuation[0] = page.isTruncated() ? page.nextContinuationToken() : null;
                return page.keyCount();
            });
            measure("random start-after pages", requests, i -> s3.listObjectsV2(ListObjectsV2Request.builder()
                    .bucket(bucket).maxKeys(1000).startAfter(key(random.nextInt(100), random.nextInt(100),
                            random.nextLong(filesPerDay)))
                    .build()).keyCount());
            measure("delimiter at logs/ (100 prefixes)", requests, i -> s3.listObjectsV2(ListObjectsV2Request
                    .builder().bucket(bucket).prefix("logs/").delimiter("/").maxKeys(1000).build())
                    .commonPrefixes().size());
            measure("delimiter in a host (100 prefixes)", requests, i -> s3.listObjectsV2(ListObjectsV2Request
                    .builder().bucket(bucket).prefix("logs/host-" + pad(random.nextInt(100), 3) + "/").delimiter("/")
                    .maxKeys(1000).build()).commonPrefixes().size());
        }
    }

    private static void seed(String jdbcUrl, String bucket, long objects) throws Exception {
        long start = System.nanoTime();
        CatalogSeed.insert(jdbcUrl, bucket, objects, CatalogSeed.LOG_KEYS);
        System.out.printf("seed    %,d objects straight into the catalog in %.0f s (not through S3: see CatalogSeed)%n",
                objects, CoreBench.seconds(start));
    }

    private static void measure(String name, int requests, IntFunction<Integer> request) {
        for (int i = 0; i < Math.min(20, requests); i++) {
            request.apply(i); // warm-up: JIT, connection, PostgreSQL's caches
        }
        long[] latencies = new long[requests];
        long entries = 0;
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            long began = System.nanoTime();
            entries += request.apply(i);
            latencies[i] = System.nanoTime() - began;
        }
        double seconds = CoreBench.seconds(start);
        Arrays.sort(latencies);
        System.out.printf("%-42s %d pages  %.0f entries/s  p50 %.1f ms  p99 %.1f ms  max %.1f ms%n", name, requests,
                entries / seconds, latencies[requests / 2] / 1e6, latencies[requests * 99 / 100] / 1e6,
                latencies[requests - 1] / 1e6);
    }

    private static String key(int host, int day, long file) {
        return "logs/host-" + pad(host, 3) + "/day-" + pad(day, 3) + "/" + pad(file, 7) + ".log";
    }

    private static String pad(long value, int width) {
        return String.format("%0" + width + "d", value);
    }
}
