package dev.blobpipe.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Issue 4's large-object figures, with the AWS SDK v2 (default settings, path-style) against a running endpoint:
 * a 1 GiB multipart upload (16 MiB parts, 4 in flight), an N GiB one (default 10) read back whole with SHA-256
 * checked at both ends, and ranged GETs of 1 MiB slices at 64 concurrent. Given the server's pid and data directory
 * it also prints the server's peak RSS and the size of its Kafka log directory after the upload.
 *
 * <p>Usage: {@code MultipartBench ENDPOINT ACCESS_KEY SECRET_KEY [largeGiB=10] [rangedGets=5000] [serverPid]
 * [dataDir]}.
 */
public final class MultipartBench {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final long PART_SIZE = 16 * MIB;
    private static final int PARTS_IN_FLIGHT = 4;
    private static final int RANGE_CLIENTS = 64;
    private static final long SLICE = MIB;

    private MultipartBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: MultipartBench ENDPOINT ACCESS_KEY SECRET_KEY [largeGiB=10] [rangedGets=5000]"
                    + " [serverPid] [dataDir]");
            System.exit(2);
        }
        URI endpoint = URI.create(args[0]);
        long largeBytes = (args.length > 3 ? Long.parseLong(args[3]) : 10) * GIB;
        int rangedGets = args.length > 4 ? Integer.parseInt(args[4]) : 5000;
        long serverPid = args.length > 5 ? Long.parseLong(args[5]) : -1;
        Path dataDir = args.length > 6 ? Path.of(args[6]) : null;
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[1], args[2])))
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(RANGE_CLIENTS * 2))
                .build()) {
            String bucket = "bench-mpu-" + System.currentTimeMillis();
            s3.createBucket(request -> request.bucket(bucket));
            if (largeBytes != GIB) {
                upload(s3, bucket, "one-gib", 1, GIB, "mpu-1g");
            }
            String expected = CoreBench.sha256(new PatternBody(2, largeBytes));
            upload(s3, bucket, "large", 2, largeBytes, largeBytes == GIB ? "mpu-1g" : "mpu-large");
            serverFigures("after upload", serverPid, dataDir);
            download(s3, bucket, "large", largeBytes, expected);
            rangedGets(s3, bucket, "large", 2, largeBytes, rangedGets);
            serverFigures("at the end", serverPid, dataDir);
        }
    }

    /** Uploads {@code new PatternBody(seed, sizeBytes)} as 16 MiB parts, 4 in flight, each generated on the fly. */
    private static void upload(S3Client s3, String bucket, String key, long seed, long sizeBytes, String label)
            throws Exception {
        long start = System.nanoTime();
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key)).uploadId();
        ExecutorService uploaders = Executors.newFixedThreadPool(PARTS_IN_FLIGHT);
        try {
            List<Future<CompletedPart>> parts = new ArrayList<>();
            int partCount = (int) ((sizeBytes + PART_SIZE - 1) / PART_SIZE);
            for (int index = 0; index < partCount; index++) {
                int partNumber = index + 1;
                long from = index * PART_SIZE;
                long length = Math.min(PART_SIZE, sizeBytes - from);
                parts.add(uploaders.submit(() -> {
                    String etag = s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                            .partNumber(partNumber), RequestBody.fromContentProvider(
                                    () -> PatternBody.slice(seed, from, length), length, "application/octet-stream"))
                            .eTag();
                    return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
                }));
            }
            List<CompletedPart> completed = new ArrayList<>();
            for (Future<CompletedPart> part : parts) {
                completed.add(part.get(10, TimeUnit.MINUTES));
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(completed)));
        } finally {
            uploaders.shutdownNow();
        }
        double seconds = CoreBench.seconds(start);
        System.out.printf("%-10s %d MiB, %d MiB parts, %d in flight  %.1f MB/s  (%.1f s)%n", label, sizeBytes >> 20,
                PART_SIZE >> 20, PARTS_IN_FLIGHT, sizeBytes / 1e6 / seconds, seconds);
    }

    private static void download(S3Client s3, String bucket, String key, long sizeBytes, String expected)
            throws IOException {
        long start = System.nanoTime();
        String actual;
        try (InputStream body = s3.getObject(request -> request.bucket(bucket).key(key))) {
            actual = CoreBench.sha256(body);
        }
        double seconds = CoreBench.seconds(start);
        if (!actual.equals(expected)) {
            throw new IllegalStateException(key + " came back different: sha-256 " + actual + ", sent " + expected);
        }
        System.out.printf("get-large  %d MiB  %.1f MB/s  (%.1f s, sha-256 verified)%n", sizeBytes >> 20,
                sizeBytes / 1e6 / seconds, seconds);
    }

    /** {@code count} GETs of 1 MiB at random offsets, 64 at a time, each slice's bytes checked. */
    private static void rangedGets(S3Client s3, String bucket, String key, long seed, long sizeBytes, int count)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(RANGE_CLIENTS);
        var next = new AtomicLong();
        var errors = new AtomicLong();
        long[] latencies = new long[count];
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < RANGE_CLIENTS; c++) {
                workers.add(clients.submit(() -> {
                    for (long index = next.getAndIncrement(); index < count; index = next.getAndIncrement()) {
                        long first = ThreadLocalRandom.current().nextLong(sizeBytes - SLICE + 1);
                        long began = System.nanoTime();
                        try {
                            byte[] got = s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)
                                    .range("bytes=" + first + "-" + (first + SLICE - 1))).asByteArray();
                            if (!Arrays.equals(got, PatternBody.slice(seed, first, SLICE).readAllBytes())) {
                                throw new IllegalStateException("range at " + first + " came back different");
                            }
                        } catch (RuntimeException | IOException e) {
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
                worker.get(30, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        double seconds = CoreBench.seconds(start);
        Arrays.sort(latencies);
        System.out.printf("get-range  %d x 1 MiB at random offsets, %d clients  %.0f ops/s  p50 %.1f ms  p99 %.1f ms"
                + "  errors %d%n", count, RANGE_CLIENTS, count / seconds, latencies[count / 2] / 1e6,
                latencies[count * 99 / 100] / 1e6, errors.get());
    }

    private static void serverFigures(String when, long serverPid, Path dataDir) throws IOException {
        if (serverPid > 0) {
            Path status = Path.of("/proc", Long.toString(serverPid), "status");
            String peak = Files.readAllLines(status).stream().filter(line -> line.startsWith("VmHWM"))
                    .map(line -> line.substring("VmHWM:".length()).trim()).findFirst().orElse("?");
            System.out.printf("server     peak RSS %s %s (one JVM incl. broker; PostgreSQL apart)%n", when, peak);
        }
        if (dataDir != null) {
            System.out.printf("server     disk %s: kafka dir %s, blobs dir %s%n", when, sizeOf(dataDir.resolve("kafka")),
                    sizeOf(dataDir.resolve("blobs")));
        }
    }

    /** Disk use as {@code du} counts it: Kafka preallocates sparse index files, whose length would mislead. */
    private static String sizeOf(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return "absent";
        }
        Process du = new ProcessBuilder("du", "-sm", dir.toString()).redirectErrorStream(true).start();
        try (InputStream out = du.getInputStream()) {
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!du.waitFor(60, TimeUnit.SECONDS)) {
                du.destroyForcibly();
                return "?";
            }
            // du may complain about a segment Kafka deleted while it walked; its total is still right
            String last = text.lines().reduce((first, second) -> second).orElse("?");
            return last.split("\\s+")[0] + " MiB";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            du.destroyForcibly();
            return "?";
        }
    }
}
