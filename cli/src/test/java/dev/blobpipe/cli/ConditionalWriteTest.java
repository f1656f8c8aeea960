package dev.blobpipe.cli;

import static dev.blobpipe.cli.testing.S3Errors.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.Checksums;
import dev.blobpipe.cli.testing.TextBody;
import dev.blobpipe.schemas.EventCodec;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectEvent.ObjectCommitted;
import dev.blobpipe.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Conditional writes through the AWS SDK v2 with its defaults: {@code If-None-Match: *} and {@code If-Match} on
 * PutObject and CompleteMultipartUpload, decided atomically in the catalog so that of two racing creators exactly one
 * wins.
 */
class ConditionalWriteTest {
    private static final int RACE_ROUNDS = 50;
    private static final S3Client s3 = BlobpipeFixture.shared().sharedClient();

    @Test
    void ofTwoRacingCreatorsExactlyOneWinsEveryRound() throws Exception {
        // given: two writers with different bodies, released together by a barrier, a fresh key per round
        String bucket = newBucket("race");
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                String key = "round-" + round;
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<RaceResult>> racers = new ArrayList<>();
                for (int writer = 0; writer < 2; writer++) {
                    byte[] body = ("round " + round + " written by writer " + writer)
                            .getBytes(StandardCharsets.UTF_8);
                    racers.add(writers.submit(() -> createIfAbsent(start, bucket, key, body)));
                }

                // when
                List<RaceResult> results = new ArrayList<>();
                for (Future<RaceResult> racer : racers) {
                    results.add(racer.get(2, TimeUnit.MINUTES));
                }

                // then: one 200, one 412 PreconditionFailed, and the object holds the winner's bytes
                int finalRound = round;
                List<RaceResult> winners = results.stream().filter(result -> result.status() == 200).toList();
                assertThat(results).as("round %d: %s", finalRound, results)
                        .extracting(RaceResult::status).containsExactlyInAnyOrder(200, 412);
                assertThat(results).as("round %d: %s", finalRound, results)
                        .filteredOn(result -> result.status() == 412)
                        .extracting(RaceResult::code).containsExactly("PreconditionFailed");
                byte[] stored = s3.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asByteArray();
                assertThat(new String(stored, StandardCharsets.UTF_8)).as("round %d", finalRound)
                        .isEqualTo(new String(winners.get(0).body(), StandardCharsets.UTF_8));
            }
        } finally {
            writers.shutdownNow();
        }
        // and the race reached the catalog: more conditional commits were published than rounds, so some losers
        // passed the early pre-check and were refused by the indexer, not only by the pre-check
        assertThat(conditionalCommitsPublished(bucket)).as("conditional commits published for %d rounds", RACE_ROUNDS)
                .isGreaterThan(RACE_ROUNDS);
    }

    @Test
    void ifNoneMatchStarOnAnExistingKeyIsPreconditionFailedAndKeepsTheObject() {
        // given
        String bucket = newBucket("exists");
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("original"));

        // when / then
        assertS3Error(() -> s3.putObject(put -> put.bucket(bucket).key("k").ifNoneMatch("*"),
                TextBody.of("intruder")), 412, "PreconditionFailed");
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).asUtf8String()).isEqualTo("original");
    }

    @Test
    void ifMatchWithTheCurrentEtagReplacesTheObject() {
        // given
        String bucket = newBucket("ifmatch");
        String etag = s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("first")).eTag();

        // when
        String newEtag = s3.putObject(put -> put.bucket(bucket).key("k").ifMatch(etag), TextBody.of("second"))
                .eTag();

        // then
        assertThat(newEtag).isEqualTo(Checksums.etag("second".getBytes(StandardCharsets.UTF_8)));
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).asUtf8String()).isEqualTo("second");
    }

    @Test
    void ifMatchWithAStaleEtagIsPreconditionFailed() {
        // given: the ETag of a version that has since been overwritten
        String bucket = newBucket("stale");
        String staleEtag = s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("first")).eTag();
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("second"));

        // when / then
        assertS3Error(() -> s3.putObject(put -> put.bucket(bucket).key("k").ifMatch(staleEtag),
                TextBody.of("third")), 412, "PreconditionFailed");
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).asUtf8String()).isEqualTo("second");
    }

    @Test
    void conditionalCompleteOnAnExistingKeyIsPreconditionFailedAndTheUploadStaysCompletable() {
        // given: an upload of one part for a key that another writer has created meanwhile
        String bucket = newBucket("mpu");
        String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key("k")).uploadId();
        byte[] part = "the only part".getBytes(StandardCharsets.UTF_8);
        String partEtag = s3.uploadPart(upload -> upload.bucket(bucket).key("k").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(part)).eTag();
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("created meanwhile"));
        CompletedPart completed = CompletedPart.builder().partNumber(1).eTag(partEtag).build();

        // when
        assertS3Error(() -> s3.completeMultipartUpload(complete -> complete.bucket(bucket)
                .key("k").uploadId(uploadId).ifNoneMatch("*")
                .multipartUpload(upload -> upload.parts(completed))), 412, "PreconditionFailed");

        // then: nothing changed, the upload and its part are still there, and completing without the condition works
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).asUtf8String())
                .isEqualTo("created meanwhile");
        assertThat(s3.listParts(list -> list.bucket(bucket).key("k").uploadId(uploadId)).parts())
                .singleElement().satisfies(listed -> assertThat(listed.eTag()).isEqualTo(partEtag));
        s3.completeMultipartUpload(complete -> complete.bucket(bucket).key("k").uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(completed)));
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).asByteArray()).isEqualTo(part);
    }

    @Test
    void conditionalCompleteOnAFreeKeyCreatesTheObject() {
        // given
        String bucket = newBucket("mpufree");
        String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key("k")).uploadId();
        byte[] part = "fresh".getBytes(StandardCharsets.UTF_8);
        String partEtag = s3.uploadPart(upload -> upload.bucket(bucket).key("k").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(part)).eTag();

        // when
        s3.completeMultipartUpload(complete -> complete.bucket(bucket).key("k").uploadId(uploadId).ifNoneMatch("*")
                .multipartUpload(upload -> upload.parts(CompletedPart.builder().partNumber(1).eTag(partEtag)
                        .build())));

        // then
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).asByteArray()).isEqualTo(part);
    }

    /** What one racer saw: 200 or the error's status and S3 code, and the body it tried to write. */
    private record RaceResult(int status, String code, byte[] body) {
        @Override
        public String toString() {
            return status + (code == null ? "" : " " + code);
        }
    }

    private static RaceResult createIfAbsent(CyclicBarrier start, String bucket, String key, byte[] body)
            throws Exception {
        start.await(1, TimeUnit.MINUTES);
        try {
            int status = s3.putObject(put -> put.bucket(bucket).key(key).ifNoneMatch("*"),
                    RequestBody.fromBytes(body)).sdkHttpResponse().statusCode();
            return new RaceResult(status, null, body);
        } catch (S3Exception e) {
            return new RaceResult(e.statusCode(), e.awsErrorDetails().errorCode(), body);
        }
    }

    /** How many ObjectCommitted events carrying a write condition the events topic holds for this bucket. */
    private static long conditionalCommitsPublished(String bucket) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BlobpipeFixture.shared().system().kafkaBootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                assertThat(System.nanoTime() - deadline).as("reading %s to its end", Topics.EVENTS).isNegative();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    ObjectEvent event = EventCodec.fromConsumerRecord(record);
                    if (event instanceof ObjectCommitted committed && committed.manifest().bucket().equals(bucket)
                            && committed.manifest().condition() != null) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    private static String newBucket(String prefix) {
        String bucket = BlobpipeFixture.uniqueBucket("cond-" + prefix);
        s3.createBucket(create -> create.bucket(bucket));
        return bucket;
    }
}
