package dev.blobpipe.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The core figures of issue 3, with the AWS SDK v2 (default settings, path-style) against a running endpoint: PUT and
 * GET of one large object (MB/s, SHA-256 checked at both ends, nothing held in memory) and small PUT and GET with
 * many concurrent clients (ops/s, p50/p99, every GET's bytes checked).
 *
 * <p>Usage: {@code CoreBench ENDPOINT ACCESS_KEY SECRET_KEY [largeMiB] [smallCount] [clients] [ack]}. With
 * {@code ack=durable} the small PUTs ask for the durable-only acknowledgement ({@code x-blobpipe-ack: durable}); the
 * small GETs then start once a listing shows every small object, and the time that took is printed as the catch-up.
 */
public final class CoreBench {
    private static final int SMALL_BYTES = 4096;

    private CoreBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CoreBench ENDPOINT ACCESS_KEY SECRET_KEY [largeMiB=1024] [smallCount=20000]"
                    + " [clients=64] [ack=visible|durable]");
            System.exit(2);
        }
        URI endpoint = URI.create(args[0]);
        long largeBytes = (args.length > 3 ? Long.parseLong(args[3]) : 1024) << 20;
        int smallCount = args.length > 4 ? Integer.parseInt(args[4]) : 20_000;
        int clients = args.length > 5 ? Integer.parseInt(args[5]) : 64;
        String ack = args.length > 6 ? args[6] : "visible";
        if (!ack.equals("visible") && !ack.equals("durable")) {
            System.err.println("ack must be visible or durable: " + ack);
            System.exit(2);
        }
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[1], args[2])))
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(clients * 2))
                .build()) {
            String bucket = "bench-" + System.currentTimeMillis();
            s3.createBucket(request -> request.bucket(bucket));
            large(s3, bucket, largeBytes);
            small(s3, bucket, smallCount, clients, ack);
        }
    }

    private static void large(S3Client s3, String bucket, long sizeBytes) throws IOException {
        String expected = sha256(new PatternBody(1, sizeBytes));
        long start = System.nanoTime();
        s3.putObject(request -> request.bucket(bucket).key("large"),
                RequestBody.fromContentProvider(() -> new PatternBody(1, sizeBytes), sizeBytes, "application/octet-stream"));
        double putSeconds = seconds(start);
        start = System.nanoTime();
        String actual;
        try (InputStream body = s3.getObject(request -> request.bucket(bucket).key("large"))) {
            actual = sha256(body);
        }
        double getSeconds = seconds(start);
        if (!actual.equals(expected)) {
            throw new IllegalStateException("large object came back different");
        }
        System.out.printf("put-large  %d MiB  %.1f MB/s  (%.1f s)%n", sizeBytes >> 20, sizeBytes / 1e6 / putSeconds, putSeconds);
        System.out.printf("get-large  %d MiB  %.1f MB/s  (%.1f s, sha-256 verified)%n", sizeBytes >> 20,
                sizeBytes / 1e6 / getSeconds, getSeconds);
    }

    private static void small(S3Client s3, String bucket, int count, int clients, String ack) throws Exception {
        byte[][] bodies = new byte[64][];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = new PatternBody(100 + i, SMALL_BYTES).readAllBytes();
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            run("put-small", pool, clients, count, index -> s3.putObject(
                    request -> request.bucket(bucket).key("small/" + index)
                            .overrideConfiguration(override -> override.putHeader("x-blobpipe-ack", ack)),
                    RequestBody.fromBytes(bodies[index % bodies.length])));
            if (ack.equals("durable")) {
                awaitListed(s3, bucket, count);
            }
            run("get-small", pool, clients, count, index -> {
                byte[] got = s3.getObjectAsBytes(request -> request.bucket(bucket).key("small/" + index)).asByteArray();
                if (!Arrays.equals(got, bodies[index % bodies.length])) {
                    throw new IllegalStateException("small/" + index + " came back different");
                }
            });
        } finally {
            pool.shutdown();
        }
    }

    /** Waits until a listing of {@code small/} shows all {@code count} objects: durable PUTs become readable later. */
    private static void awaitListed(S3Client s3, String bucket, int count) {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        long listed = 0;
        while (listed < count) {
            listed = s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix("small/")).stream()
                    .mapToLong(page -> page.keyCount())
                    .sum();
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("only " + listed + " of " + count + " durable PUTs listed after 5 min");
            }
        }
        System.out.printf("catch-up   all %d durable PUTs listed %.0f ms after the last one answered%n", count,
                seconds(start) * 1e3);
    }

    interface Operation {
        void run(int index) throws Exception;
    }

    private static void run(String name, ExecutorService pool, int clients, int count, Operation operation)
            throws Exception {
        var next = new AtomicLong();
        var errors = new AtomicLong();
        long[] latencies = new long[count];
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                for (long index = next.getAndIncrement(); index < count; index = next.getAndIncrement()) {
                    long began = System.nanoTime();
                    try {
                        operation.run((int) index);
                    } catch (Exception e) {
                        if (errors.incrementAndGet() == 1) {
                            e.printStackTrace();
                        }
                    }
                    latencies[(int) index] = System.nanoTime() - began;
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double elapsed = seconds(start);
        Arrays.sort(latencies);
        System.out.printf("%-10s %d x %d B, %d clients  %.0f ops/s  p50 %.1f ms  p99 %.1f ms  errors %d%n", name, count,
                SMALL_BYTES, clients, count / elapsed, latencies[count / 2] / 1e6, latencies[count * 99 / 100] / 1e6,
                errors.get());
    }

    static double seconds(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toNanos() / 1e9;
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        int count;
        while ((count = in.read(buffer)) > 0) {
            digest.update(buffer, 0, count);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
