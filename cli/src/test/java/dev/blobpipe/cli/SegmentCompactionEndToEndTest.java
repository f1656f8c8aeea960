package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.Parallel;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.embedded.testing.TempDirs;
import dev.blobpipe.schemas.config.ConfigValues;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Segment compaction through the whole system: many small objects, most overwritten or deleted, then {@code admin
 * compact} while readers GET every live key and a writer overwrites some; no read fails or differs, every overwrite
 * reads back, and the dead bytes of the pack segments are reclaimed.
 */
class SegmentCompactionEndToEndTest {
    private static final int OBJECTS = 2000;
    private static final int THREADS = 8;
    private static final int READERS = 3;
    private static final int WRITER_OVERWRITES = 200;
    private static final Duration MIN_AGE = Duration.ofSeconds(3);

    @Test
    void compactionUnderReadsAndWritesLosesNothingAndReclaimsDeadSegmentBytes() throws Exception {
        Path dataDir = Files.createTempDirectory("blobpipe-compaction-e2e-");
        // small segments sealed after 1 s idle, so they go quiet quickly; dev's own compactor stays out of the way
        var settings = new ConfigValues(Map.of("ingest.port", "0", "archiver.pack.segment.bytes", "1048576",
                "archiver.pack.segment.idle", "PT1S", "compactor.interval", "PT1H"));
        try (DevSystem system = DevSystem.start(dataDir, BlobpipeFixture.ACCESS_KEY, BlobpipeFixture.SECRET_KEY,
                settings);
                S3Client s3 = client(system)) {
            // given: 2000 objects; of every five, two overwritten, two deleted, one left (20 % of the first put live)
            String bucket = "compaction";
            s3.createBucket(create -> create.bucket(bucket));
            forEach(OBJECTS, index -> put(s3, bucket, index, 0));
            forEach(OBJECTS, index -> {
                if (index % 5 < 2) {
                    put(s3, bucket, index, 1);
                } else if (index % 5 < 4) {
                    s3.deleteObject(delete -> delete.bucket(bucket).key(key(index)));
                }
            });
            Path segments = dataDir.resolve("blobs").resolve("segments");
            Await.until(Duration.ofSeconds(30), "every segment quiet for " + MIN_AGE, () -> segmentFiles(segments)
                    .stream().allMatch(file -> modified(file).isBefore(Instant.now().minus(MIN_AGE.plusMillis(500)))));
            List<Path> before = segmentFiles(segments);
            long bytesBefore = totalSize(before);

            // when: readers check every untouched or overwritten key, a writer overwrites half the untouched ones
            List<Integer> written = new ArrayList<>();
            List<Integer> checked = new ArrayList<>();
            for (int index = 0; index < OBJECTS; index++) {
                if (index % 5 == 4 && index % 10 == 9) {
                    written.add(index);
                } else if (index % 5 < 2 || index % 5 == 4) {
                    checked.add(index);
                }
            }
            var stop = new AtomicBoolean();
            var failures = new ConcurrentLinkedQueue<Throwable>();
            var reads = new AtomicLong();
            Map<Integer, Integer> lastWritten = new ConcurrentHashMap<>();
            ExecutorService load = Executors.newFixedThreadPool(READERS + 1);
            List<Future<?>> running = new ArrayList<>();
            for (int reader = 0; reader < READERS; reader++) {
                running.add(load.submit(() -> {
                    while (!stop.get()) {
                        for (int index : checked) {
                            verify(s3, bucket, index, index % 5 < 2 ? 1 : 0, failures);
                            reads.incrementAndGet();
                        }
                    }
                }));
            }
            running.add(load.submit(() -> {
                for (int round = 0; round < WRITER_OVERWRITES && !stop.get(); round++) {
                    int index = written.get(round % written.size());
                    int generation = 2 + round;
                    try {
                        put(s3, bucket, index, generation);
                        lastWritten.put(index, generation);
                    } catch (RuntimeException e) {
                        failures.add(e);
                        continue;
                    }
                    verify(s3, bucket, index, generation, failures);
                }
            }));
            var out = new StringWriter();
            var err = new StringWriter();
            String[] compact = {"admin", "compact", "--data-dir", dataDir.toString(),
                    "--set", "compactor.segment.min.age=" + MIN_AGE, "--set", "compactor.gc.grace=PT2S"};
            int exitCode = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .execute(compact);
            // later sweeps delete the old segments once the moves are applied and the grace has passed
            Await.until(Duration.ofSeconds(60), "the sparse segments deleted", () -> {
                new CommandLine(new Main()).setOut(new PrintWriter(new StringWriter())).execute(compact);
                return before.stream().filter(Files::exists).count() < before.size() / 2;
            });
            stop.set(true);
            for (Future<?> task : running) {
                task.get(2, TimeUnit.MINUTES);
            }
            load.shutdown();

            // then
            System.out.println(out.toString().trim() + "\n" + err.toString().trim());
            assertThat(exitCode).isZero();
            assertThat(out.toString()).contains("segments rewritten").contains("MB/s");
            assertThat(err.toString()).contains("frames moved");
            assertThat(failures).isEmpty();
            assertThat(reads.get()).isGreaterThan(checked.size());
            assertThat(totalSize(segmentFiles(segments))).isLessThan(bytesBefore * 3 / 4);
            Matcher rewritten = Pattern.compile("segments rewritten (\\d+)").matcher(out.toString());
            assertThat(rewritten.find()).isTrue();
            assertThat(Integer.parseInt(rewritten.group(1))).isPositive();
            assertThat(lastWritten).isNotEmpty();
            for (int index : written) {
                verify(s3, bucket, index, lastWritten.getOrDefault(index, 0), failures);
            }
            assertThat(failures).isEmpty();
        } finally {
            TempDirs.deleteQuietly(dataDir);
        }
    }

    private static void verify(S3Client s3, String bucket, int index, int generation,
            ConcurrentLinkedQueue<Throwable> failures) {
        try {
            byte[] read = s3.getObjectAsBytes(get -> get.bucket(bucket).key(key(index))).asByteArray();
            if (!Arrays.equals(read, body(index, generation))) {
                failures.add(new AssertionError("wrong bytes for " + key(index) + " generation " + generation));
            }
        } catch (RuntimeException e) {
            failures.add(new AssertionError("GET " + key(index) + " failed", e));
        }
    }

    private static void put(S3Client s3, String bucket, int index, int generation) {
        s3.putObject(put -> put.bucket(bucket).key(key(index)), RequestBody.fromBytes(body(index, generation)));
    }

    private static String key(int index) {
        return "small/" + index + ".bin";
    }

    /** 2 to 6 KiB that differ per object and per generation. */
    private static byte[] body(int index, int generation) {
        ByteBuffer body = ByteBuffer.allocate(2048 + (index * 7919 + generation * 31) % 4096 / 4 * 4);
        while (body.hasRemaining()) {
            body.putInt(index * 31 + generation * 1_000_003 + body.position());
        }
        return body.array();
    }

    private static S3Client client(DevSystem system) {
        return S3Client.builder()
                .endpointOverride(system.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(BlobpipeFixture.ACCESS_KEY, BlobpipeFixture.SECRET_KEY)))
                .forcePathStyle(true)
                .build();
    }

    private static void forEach(int count, IntConsumer action) throws InterruptedException {
        Parallel.forEach(THREADS, count, action);
    }

    private static List<Path> segmentFiles(Path segments) {
        if (!Files.exists(segments)) {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.list(segments)) {
            return new ArrayList<>(files.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.now(); // deleted meanwhile: not quiet, look again
        }
    }

    private static long totalSize(List<Path> files) {
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.size(file);
            } catch (IOException e) {
                // deleted since it was listed: it counts as nothing
            }
        }
        return total;
    }
}
