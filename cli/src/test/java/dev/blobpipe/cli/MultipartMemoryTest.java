package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.AwsCli;
import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.Checksums;
import dev.blobpipe.cli.testing.GeneratedBody;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Issue 4's memory case at CI size: 1 GiB up as a multipart upload (16 MiB parts, 4 in flight) and 1 GiB through the
 * AWS CLI's stream path, each read back whole, while the whole system and this client share the surefire heap of
 * {@code -Xmx256m}. Bodies are generated on the fly and hashed as they arrive; archived chunks must leave Kafka.
 * The 10 GiB version is a benchmark ({@code bench/large.sh}), too slow for every CI run.
 */
class MultipartMemoryTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final long PART_SIZE = 16 * MIB;
    private static final int PARTS_IN_FLIGHT = 4;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** Key and IV of the CLI test's body: AES-128-CTR over zeros, which openssl and the JDK both produce. */
    private static final String STREAM_KEY_HEX = "000102030405060708090a0b0c0d0e0f";
    private static final String STREAM_IV_HEX = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

    private static final S3Client s3 = BlobpipeFixture.shared().sharedClient();
    private static Admin kafka;
    private final BlobpipeFixture blobpipe = BlobpipeFixture.shared();

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                BlobpipeFixture.shared().system().kafkaBootstrapServers()));
    }

    @AfterAll
    static void close() {
        kafka.close(Duration.ofSeconds(30));
    }

    @Test
    void multipartUploadOf1GibWithFourPartsInFlightReadsBackWithTheSameSha256() throws Exception {
        // given: 64 parts of 16 MiB, each generated from its own seed, so any part can be produced on any thread
        String bucket = newBucket("mem-mpu");
        int partCount = (int) (GIB / PART_SIZE);
        List<Long> seeds = IntStream.rangeClosed(1, partCount).mapToObj(number -> 7_000L + number).toList();
        Map<TopicPartition, Long> before = chunkOffsets(OffsetSpec.latest());

        // when
        String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key("big")).uploadId();
        List<CompletedPart> parts = uploadParts(bucket, "big", uploadId, seeds);
        s3.completeMultipartUpload(complete -> complete.bucket(bucket).key("big").uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));
        String actual;
        long length;
        try (ResponseInputStream<GetObjectResponse> get = s3.getObject(g -> g.bucket(bucket).key("big"))) {
            length = get.response().contentLength();
            actual = Checksums.sha256Hex(get);
        }

        // then
        assertThat(length).isEqualTo(GIB);
        assertThat(actual).as("SHA-256 of the object read back").isEqualTo(Checksums.sha256Hex(concatenation(seeds)));
        assertArchivedChunksLeaveKafka(before);
    }

    @Test
    void streamOf1GibThroughAwsCliReadsBackWithTheSameSha256() throws Exception {
        // given: openssl's AES-128-CTR keystream, which the JDK reproduces, so that the test hashes exactly what the
        // pipe carried without a file of it (zeros would hide parts stored in the wrong order)
        AwsCli cli = new AwsCli(blobpipe, temp, "");
        String bucket = newBucket("mem-stream");
        Map<TopicPartition, Long> before = chunkOffsets(OffsetSpec.latest());

        // when: the CLI reads stdin of unknown length and turns it into a multipart upload
        cli.bash(TIMEOUT, "head -c " + GIB + " /dev/zero | openssl enc -aes-128-ctr -K " + STREAM_KEY_HEX
                + " -iv " + STREAM_IV_HEX + " | " + cli.shellCommand("s3", "cp", "-", "s3://" + bucket + "/streamed"));
        String actual;
        long length;
        try (ResponseInputStream<GetObjectResponse> get = s3.getObject(g -> g.bucket(bucket).key("streamed"))) {
            length = get.response().contentLength();
            actual = Checksums.sha256Hex(get);
        }

        // then
        assertThat(length).isEqualTo(GIB);
        assertThat(actual).as("SHA-256 of the object read back").isEqualTo(Checksums.sha256Hex(keystream(GIB)));
        assertThat(s3.headObject(head -> head.bucket(bucket).key("streamed")).eTag())
                .as("the stream went up as a multipart upload").matches("\"[0-9a-f]{32}-[0-9]+\"");
        assertArchivedChunksLeaveKafka(before);
    }

    private List<CompletedPart> uploadParts(String bucket, String key, String uploadId, List<Long> seeds)
            throws InterruptedException, ExecutionException, TimeoutException {
        ExecutorService uploaders = Executors.newFixedThreadPool(PARTS_IN_FLIGHT);
        try {
            List<Future<CompletedPart>> uploads = new ArrayList<>();
            for (int index = 0; index < seeds.size(); index++) {
                int partNumber = index + 1;
                long seed = seeds.get(index);
                uploads.add(uploaders.submit(() -> {
                    String etag = s3.uploadPart(part -> part.bucket(bucket).key(key).uploadId(uploadId)
                            .partNumber(partNumber), RequestBody.fromContentProvider(
                                    () -> new GeneratedBody(seed, PART_SIZE), PART_SIZE, "application/octet-stream"))
                            .eTag();
                    return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
                }));
            }
            List<CompletedPart> parts = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            for (Future<CompletedPart> upload : uploads) {
                parts.add(upload.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return parts;
        } finally {
            uploaders.shutdownNow();
        }
    }

    /**
     * The archiver deletes the chunk records it archived (deleteRecords up to its committed offsets), so the log
     * start offsets of blobpipe.chunks pass nearly every record these uploads wrote. It trims a partition only after
     * committing a transaction there, at most every {@code archiver.chunks.trim.interval}: an idle partition keeps its
     * last few seconds of records until the next upload reaches it, so small PUTs play that next traffic.
     */
    private void assertArchivedChunksLeaveKafka(Map<TopicPartition, Long> before) throws Exception {
        Map<TopicPartition, Long> after = chunkOffsets(OffsetSpec.latest());
        long written = after.entrySet().stream().mapToLong(end -> end.getValue() - before.getOrDefault(end.getKey(),
                0L)).sum();
        assertThat(written).as("records these uploads wrote to %s", Topics.CHUNKS).isGreaterThan(1000);
        String bucket = newBucket("mem-nudge");
        long[] nextNudge = {System.nanoTime()};
        Await.value(Duration.ofSeconds(60), "the archiver to delete 90% of the records the uploads wrote", () -> {
            Map<TopicPartition, Long> earliest = chunkOffsets(OffsetSpec.earliest());
            long deleted = after.entrySet().stream().mapToLong(end -> Math.max(0,
                    Math.min(earliest.get(end.getKey()), end.getValue()) - before.getOrDefault(end.getKey(), 0L)))
                    .sum();
            if (deleted >= written * 9 / 10) {
                return Boolean.TRUE;
            }
            if (System.nanoTime() - nextNudge[0] >= 0) {
                nextNudge[0] = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                s3.putObject(put -> put.bucket(bucket).key("nudge-" + System.nanoTime()), RequestBody.fromString("n"));
            }
            return null;
        });
        // deleteRecords only moves the log start offset: the bytes leave the disk when the broker deletes the
        // segments wholly below it, at its next retention check (log.retention.check.interval.ms) plus
        // log.segment.delete.delay.ms; what stays is about one active 64 MiB segment per partition
        long bound = 512 * MIB;
        Await.value(Duration.ofSeconds(60), "the chunk segments on disk to shrink to " + (bound >> 20) + " MiB (the log"
                + " start offsets already passed 90% of the records; the broker has not deleted the segments below"
                + " them)", () -> {
            long onDisk = chunkLogBytes();
            return onDisk <= bound ? Boolean.TRUE : null;
        });
    }

    /** Bytes of blobpipe.chunks segment files in the broker's log directory, including those awaiting deletion. */
    private long chunkLogBytes() throws IOException {
        try (Stream<Path> files = Files.walk(blobpipe.dataDir().resolve("kafka"))) {
            return files.filter(file -> file.getParent().getFileName().toString().startsWith(Topics.CHUNKS + "-")
                            && file.getFileName().toString().contains(".log"))
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }

    private static Map<TopicPartition, Long> chunkOffsets(OffsetSpec spec) throws Exception {
        var description = kafka.describeTopics(List.of(Topics.CHUNKS)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(Topics.CHUNKS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        description.partitions().forEach(partition -> request.put(
                new TopicPartition(Topics.CHUNKS, partition.partition()), spec));
        Map<TopicPartition, ListOffsetsResultInfo> offsets = kafka.listOffsets(request).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((partition, info) -> result.put(partition, info.offset()));
        return result;
    }

    private static InputStream concatenation(List<Long> seeds) {
        return new SequenceInputStream(Collections.enumeration(seeds.stream()
                .map(seed -> (InputStream) new GeneratedBody(seed, PART_SIZE)).toList()));
    }

    /** What {@code head -c N /dev/zero | openssl enc -aes-128-ctr -K .. -iv ..} writes, generated on the fly. */
    private static InputStream keystream(long sizeBytes) throws GeneralSecurityException {
        HexFormat hex = HexFormat.of();
        Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hex.parseHex(STREAM_KEY_HEX), "AES"),
                new IvParameterSpec(hex.parseHex(STREAM_IV_HEX)));
        return new Keystream(cipher, sizeBytes);
    }

    /** AES-CTR applied to zeros, enciphered in the caller's buffer as it reads. */
    private static final class Keystream extends InputStream {
        private final Cipher cipher;
        private final byte[] zeros = new byte[64 << 10];
        private long remaining;

        Keystream(Cipher cipher, long sizeBytes) {
            this.cipher = cipher;
            this.remaining = sizeBytes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int count = (int) Math.min(Math.min(length, zeros.length), remaining);
            try {
                // CTR is a stream cipher: update returns exactly as many bytes as it is given
                cipher.update(zeros, 0, count, buffer, offset);
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-CTR keystream", e);
            }
            remaining -= count;
            return count;
        }
    }

    private static String newBucket(String prefix) {
        String bucket = BlobpipeFixture.uniqueBucket(prefix);
        s3.createBucket(create -> create.bucket(bucket));
        return bucket;
    }
}
