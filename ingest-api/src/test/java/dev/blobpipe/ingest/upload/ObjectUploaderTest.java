package dev.blobpipe.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.embedded.testing.SharedKafka;
import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import dev.blobpipe.schemas.Crc32c;
import dev.blobpipe.schemas.Hex;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.PartOf;
import dev.blobpipe.schemas.Topics;
import dev.blobpipe.schemas.UploadRecord;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.UploadRecordCodec;
import dev.blobpipe.schemas.VersionClock;
import dev.blobpipe.schemas.VersionId;
import dev.blobpipe.schemas.WriteCondition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObjectUploaderTest {
    private static final int CHUNK = 64 << 10;
    private static final UploadConfig.Values CONFIG =
            new UploadConfig.Values(CHUNK, 8L * CHUNK, 2, Duration.ofMillis(300), 7);
    private static Producer<byte[], byte[]> producer;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:15:30.123456Z"), ZoneOffset.UTC);
    private final VersionClock versionClock = new VersionClock(Clock.systemUTC(), CONFIG.nodeId());
    private final InflightBudget budget = InflightBudget.of(CONFIG);
    private final FakeVisibilityWaiter visibility = FakeVisibilityWaiter.immediate();
    private String topic;
    private TopicReader<UploadRecord> records;

    @BeforeAll
    static void startProducer() {
        producer = IngestProducer.create(SharedKafka.bootstrapServers(), CONFIG);
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @BeforeEach
    void createTopic() {
        topic = SharedKafka.uniqueTopic("chunks");
        SharedKafka.createTopic(topic, 1, Topics.chunksConfig());
        records = new TopicReader<>(topic, UploadRecordCodec::fromConsumerRecord);
    }

    @AfterEach
    void closeReader() {
        records.close();
    }

    @Test
    void uploadIsFullChunksThenCommitWithItsDigests() throws IOException {
        byte[] body = randomBytes(CHUNK * 5 / 2);
        var request = new UploadRequest("bucket", "logs/a.gz", body.length, metadata(), base64(md5(body)),
                new ExpectedChecksum(ChecksumAlgorithm.CRC32C, base64(crc32c(body))));

        // socket-sized reads must still make full chunks
        UploadResult result = uploader().upload(request, TestBody.withShortReads(body, 1000));

        List<UploadRecord> sent = records.readUntil("commit", ObjectUploaderTest::endsWithCommitOrAbort);
        assertThat(sent).hasSize(4);
        long[] offsets = {0, CHUNK, 2L * CHUNK};
        for (int seq = 0; seq < 3; seq++) {
            var chunk = (UploadRecord.Chunk) sent.get(seq);
            byte[] expected = Arrays.copyOfRange(body, (int) offsets[seq], (int) Math.min(offsets[seq] + CHUNK,
                    body.length));
            assertThat(chunk.seq()).isEqualTo(seq);
            assertThat(chunk.offset()).isEqualTo(offsets[seq]);
            assertThat(bytesOf(chunk.data())).isEqualTo(expected);
            assertThat(chunk.crc32c()).isEqualTo(Crc32c.of(expected, 0, expected.length));
            assertThat(chunk.uploadId()).isEqualTo(sent.get(3).uploadId());
        }
        ObjectManifest manifest = ((UploadRecord.Commit) sent.get(3)).manifest();
        assertThat(manifest).isEqualTo(result.manifest());
        assertThat(manifest.sizeBytes()).isEqualTo(body.length);
        assertThat(manifest.chunkCount()).isEqualTo(3);
        assertThat(manifest.md5Hex()).isEqualTo(Hex.of(md5(body)));
        assertThat(manifest.sha256Hex()).isEqualTo(Hex.of(digest("SHA-256", body)));
        assertThat(manifest.metadata().checksums()).isEqualTo(Map.of("CRC32C", base64(crc32c(body))));
        assertThat(manifest.metadata().contentType()).isEqualTo("application/gzip");
        assertThat(manifest.metadata().userMetadata()).isEqualTo(Map.of("origin", "test"));
        assertThat(manifest.lastModified()).isEqualTo(Instant.parse("2026-11-26T10:15:30.123Z"));
        assertThat(visibility.registered()).containsExactly(manifest.versionId());
        assertThat(budget.availableBytes()).isEqualTo(budget.capacityBytes());
    }

    @Test
    void bodyWithinOneChunkIsOneRecordCarryingItsBytesAndManifest() throws IOException {
        byte[] body = randomBytes(4096);
        var request = new UploadRequest("bucket", "small.txt", body.length, metadata(), base64(md5(body)),
                new ExpectedChecksum(ChecksumAlgorithm.CRC32C, base64(crc32c(body))));

        UploadResult result = uploader().upload(request, TestBody.withShortReads(body, 1000));

        List<UploadRecord> sent = records.readUntil("complete upload", ObjectUploaderTest::endsWithCommitOrAbort);
        assertThat(sent).singleElement().isInstanceOfSatisfying(UploadRecord.CompleteUpload.class, complete -> {
            assertThat(bytesOf(complete.data())).isEqualTo(body);
            assertThat(complete.crc32c()).isEqualTo(Crc32c.of(body, 0, body.length));
            assertThat(complete.manifest()).isEqualTo(result.manifest());
        });
        assertThat(result.manifest().chunkCount()).isEqualTo(1);
        assertThat(result.manifest().sizeBytes()).isEqualTo(body.length);
        assertThat(result.manifest().md5Hex()).isEqualTo(Hex.of(md5(body)));
        assertThat(result.manifest().sha256Hex()).isEqualTo(Hex.of(digest("SHA-256", body)));
        assertThat(visibility.registered()).containsExactly(result.manifest().versionId());
        assertThat(budget.availableBytes()).isEqualTo(budget.capacityBytes());
    }

    @Test
    void bodyOfExactlyOneChunkOfUnknownLengthIsOneRecord() throws IOException {
        byte[] body = randomBytes(CHUNK);

        UploadResult result = uploader().upload(request(-1, null, null), TestBody.withShortReads(body, 1000));

        List<UploadRecord> sent = records.readUntil("complete upload", ObjectUploaderTest::endsWithCommitOrAbort);
        assertThat(sent).singleElement().isInstanceOfSatisfying(UploadRecord.CompleteUpload.class,
                complete -> assertThat(bytesOf(complete.data())).isEqualTo(body));
        assertThat(result.manifest().chunkCount()).isEqualTo(1);
    }

    @Test
    void bodyOneByteOverAChunkIsTwoChunksThenACommit() throws IOException {
        byte[] body = randomBytes(CHUNK + 1);

        uploader().upload(request(body.length, null, null), TestBody.of(body));

        List<UploadRecord> sent = records.readUntil("commit", ObjectUploaderTest::endsWithCommitOrAbort);
        assertThat(sent).hasSize(3);
        assertThat(sent.subList(0, 2)).allMatch(UploadRecord.Chunk.class::isInstance);
        assertThat(sent.get(2)).isInstanceOfSatisfying(UploadRecord.Commit.class,
                commit -> assertThat(commit.manifest().chunkCount()).isEqualTo(2));
    }

    @Test
    void oneChunkBodyWhoseManifestWouldOverfillTheRecordIsAChunkThenACommit() throws IOException {
        // given a full chunk and headers that fit a commit record alone but not beside the chunk
        byte[] body = randomBytes(CHUNK);
        var metadata = new ObjectMetadata(null, null, "d".repeat(560_000), "c".repeat(500_000), null, Map.of(),
                Map.of());
        var request = new UploadRequest("bucket", "key", body.length, metadata, null, null);

        // when
        UploadResult result = uploader().upload(request, TestBody.of(body));

        // then
        List<UploadRecord> sent = records.readUntil("commit", ObjectUploaderTest::endsWithCommitOrAbort);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isInstanceOfSatisfying(UploadRecord.Chunk.class,
                chunk -> assertThat(bytesOf(chunk.data())).isEqualTo(body));
        assertThat(sent.get(1)).isInstanceOfSatisfying(UploadRecord.Commit.class,
                commit -> assertThat(commit.manifest()).isEqualTo(result.manifest()));
        assertThat(result.manifest().chunkCount()).isEqualTo(1);
        assertThat(budget.availableBytes()).isEqualTo(budget.capacityBytes());
    }

    @Test
    void durableSmallUploadReturnsOnceKafkaHasItsOneRecord() throws IOException {
        FakeVisibilityWaiter never = FakeVisibilityWaiter.never();
        var uploader = new ObjectUploader(producer, topic, FakeCatalog.empty(), never, versionClock, budget, CONFIG,
                clock);
        byte[] body = randomBytes(100);
        var request = new UploadRequest("bucket", "small.gz", body.length, ObjectMetadata.EMPTY, null, null, null,
                null, Acknowledgement.DURABLE);

        UploadResult result = uploader.upload(request, TestBody.of(body));

        List<UploadRecord> sent = records.readUntil("complete upload", ObjectUploaderTest::endsWithCommitOrAbort);
        assertThat(sent).singleElement().isInstanceOfSatisfying(UploadRecord.CompleteUpload.class,
                complete -> assertThat(complete.manifest()).isEqualTo(result.manifest()));
        assertThat(never.registered()).isEmpty();
        assertThat(budget.availableBytes()).isEqualTo(budget.capacityBytes());
    }

    @Test
    void smallBodyFailingVerificationSendsNoRecordAndGivesBackItsBudget() throws IOException {
        byte[] body = randomBytes(100);
        var request = request(body.length, base64(md5("something else".getBytes())), null);

        assertThatThrownBy(() -> uploader().upload(request, TestBody.of(body)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.BAD_DIGEST));

        assertThat(budget.availableBytes()).isEqualTo(budget.capacityBytes());
        // a later upload on the same partition comes after anything the failed one could have sent
        UploadResult later = uploader().upload(request(0, null, null), TestBody.of(new byte[0]));
        List<UploadRecord> sent = records.readUntil("commit", ObjectUploaderTest::endsWithCommitOrAbort);
        assertThat(sent).singleElement().isInstanceOfSatisfying(UploadRecord.Commit.class,
                commit -> assertThat(commit.manifest()).isEqualTo(later.manifest()));
    }

    @Test
    void checksumFromTrailerIsVerifiedAndStored() throws IOException {
        byte[] body = randomBytes(CHUNK + 10);
        String sha256 = base64(digest("SHA-256", body));
        var request = request(body.length, null, new ExpectedChecksum(ChecksumAlgorithm.SHA256, null));

        UploadResult result = uploader().upload(request,
                TestBody.withTrailers(body, Map.of("x-amz-checksum-sha256", sha256)));

        assertThat(result.manifest().metadata().checksums()).isEqualTo(Map.of("SHA256", sha256));
    }

    @Test
    void partUploadCommitsAManifestNamingItsUploadAndPartNumber() throws IOException {
        byte[] body = randomBytes(CHUNK + 10);
        var partOf = new PartOf(UploadId.random(), 3);
        var request = new UploadRequest("bucket", "big.bin", body.length, ObjectMetadata.EMPTY, null, null, partOf);

        UploadResult result = uploader().upload(request, TestBody.of(body));

        List<UploadRecord> sent = records.readUntil("commit", ObjectUploaderTest::endsWithCommitOrAbort);
        ObjectManifest manifest = ((UploadRecord.Commit) sent.get(sent.size() - 1)).manifest();
        assertThat(manifest.partOf()).isEqualTo(partOf);
        assertThat(manifest.partCount()).isZero();
        assertThat(result.manifest().etag()).isEqualTo('"' + Hex.of(md5(body)) + '"');
    }

    @Test
    void partRefusedByTheIndexerIsNoSuchUpload() {
        byte[] body = randomBytes(100);
        var request = new UploadRequest("bucket", "big.bin", body.length, ObjectMetadata.EMPTY, null, null,
                new PartOf(UploadId.random(), 1));
        var uploader = new ObjectUploader(producer, topic, FakeCatalog.empty(), FakeVisibilityWaiter.rejecting(),
                versionClock, budget, CONFIG, clock);

        assertThatThrownBy(() -> uploader.upload(request, TestBody.of(body)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.NO_SUCH_UPLOAD));
    }

    @Test
    void conditionalUploadRefusedByTheIndexerIsPreconditionFailed() {
        byte[] body = randomBytes(100);
        var request = new UploadRequest("bucket", "once", body.length, ObjectMetadata.EMPTY, null, null, null,
                WriteCondition.ifNoneMatchAny());
        var uploader = new ObjectUploader(producer, topic, FakeCatalog.empty(), FakeVisibilityWaiter.rejecting(),
                versionClock, budget, CONFIG, clock);

        assertThatThrownBy(() -> uploader.upload(request, TestBody.of(body)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.PRECONDITION_FAILED));
    }

    @Test
    void commitCarriesTheConditionAndTheTags() throws IOException {
        byte[] body = randomBytes(100);
        var request = new UploadRequest("bucket", "tagged", body.length, metadata().withTags(Map.of("team", "a")),
                null, null, null, WriteCondition.ifMatch("\"0123456789abcdef0123456789abcdef\""));

        uploader().upload(request, TestBody.of(body));

        List<UploadRecord> sent = records.readUntil("commit", ObjectUploaderTest::endsWithCommitOrAbort);
        ObjectManifest manifest = ((UploadRecord.CompleteUpload) sent.get(sent.size() - 1)).manifest();
        assertThat(manifest.condition()).isEqualTo(WriteCondition.ifMatch("\"0123456789abcdef0123456789abcdef\""));
        assertThat(manifest.metadata().tags()).isEqualTo(Map.of("team", "a"));
    }

    @Test
    void bodyOfUnknownLengthIsStoredWhole() throws IOException {
        byte[] body = randomBytes(CHUNK * 2 + 7);

        UploadResult result = uploader().upload(request(-1, null, null), TestBody.withShortReads(body, 1000));

        assertThat(result.manifest().sizeBytes()).isEqualTo(body.length);
        assertThat(result.manifest().chunkCount()).isEqualTo(3);
    }

    @Test
    void wrongContentMd5GivesBadDigestAndAbortsWithoutCommit() {
        byte[] body = randomBytes(CHUNK * 2);
        var request = request(body.length, base64(md5("something else".getBytes())), null);

        assertThatThrownBy(() -> uploader().upload(request, TestBody.of(body)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.BAD_DIGEST));

        List<UploadRecord> sent = records.readUntil("abort", ObjectUploaderTest::endsWithCommitOrAbort);
        assertThat(sent).last().isInstanceOf(UploadRecord.Abort.class);
        assertThat(sent).noneMatch(record -> record instanceof UploadRecord.Commit);
    }

    @Test
    void wrongChecksumGivesBadDigestNamingTheAlgorithm() {
        byte[] body = randomBytes(100);
        var request = request(body.length, null,
                new ExpectedChecksum(ChecksumAlgorithm.CRC32, base64(new byte[] {1, 2, 3, 4})));

        assertThatThrownBy(() -> uploader().upload(request, TestBody.of(body)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.error()).isEqualTo(S3Error.BAD_DIGEST);
                    assertThat(e.getMessage()).contains("CRC32");
                });
    }

    @Test
    void missingTrailerGivesInvalidRequest() {
        byte[] body = randomBytes(100);
        var request = request(body.length, null, new ExpectedChecksum(ChecksumAlgorithm.CRC32, null));

        assertThatThrownBy(() -> uploader().upload(request, TestBody.of(body)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_REQUEST));
    }

    @Test
    void malformedContentMd5IsRefusedBeforeReading() {
        var request = request(3, "not-base64!", null);
        var body = TestBody.of(new byte[3]);

        assertThatThrownBy(() -> uploader().upload(request, body))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_DIGEST));
    }

    @Test
    void bodyShorterThanContentLengthGivesIncompleteBodyAndAbort() {
        byte[] body = randomBytes(CHUNK + 100);
        var request = request(body.length + 1000L, null, null);

        assertThatThrownBy(() -> uploader().upload(request, TestBody.of(body)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.INCOMPLETE_BODY));

        List<UploadRecord> sent = records.readUntil("abort", ObjectUploaderTest::endsWithCommitOrAbort);
        assertThat(sent).last().isInstanceOfSatisfying(UploadRecord.Abort.class,
                abort -> assertThat(abort.reason()).isEqualTo("IncompleteBody"));
    }

    @Test
    void bodyLongerThanContentLengthIsRefused() {
        byte[] body = randomBytes(CHUNK + 100);
        var request = request(CHUNK, null, null);

        assertThatThrownBy(() -> uploader().upload(request, TestBody.of(body)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_REQUEST));
    }

    @Test
    void clientDisconnectSendsAbort() {
        byte[] body = randomBytes(CHUNK * 5 / 2);
        var request = request(body.length, null, null);

        assertThatThrownBy(() -> uploader().upload(request, TestBody.disconnectingAfter(body, CHUNK * 3 / 2)))
                .isInstanceOf(IOException.class);

        List<UploadRecord> sent = records.readUntil("abort", ObjectUploaderTest::endsWithCommitOrAbort);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isInstanceOf(UploadRecord.Chunk.class);
        assertThat(sent.get(1)).isInstanceOf(UploadRecord.Abort.class);
        Await.until(Duration.ofSeconds(10), "in-flight budget given back",
                () -> budget.availableBytes() == budget.capacityBytes());
    }

    @Test
    void zeroByteUploadSendsOnlyACommit() throws IOException {
        var request = request(0, null, null);

        UploadResult result = uploader().upload(request, TestBody.of(new byte[0]));

        List<UploadRecord> sent = records.readUntil("commit", ObjectUploaderTest::endsWithCommitOrAbort);
        assertThat(sent).singleElement().isInstanceOf(UploadRecord.Commit.class);
        assertThat(result.manifest().sizeBytes()).isZero();
        assertThat(result.manifest().chunkCount()).isZero();
        assertThat(result.manifest().md5Hex()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(result.manifest().etag()).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
    }

    @Test
    void visibilityTimeoutGivesServiceUnavailableAndKeepsTheCommit() throws IOException {
        var invisible = new ObjectUploader(producer, topic, FakeCatalog.empty(), FakeVisibilityWaiter.never(),
                versionClock, budget, CONFIG, clock);
        byte[] body = randomBytes(100);

        assertThatThrownBy(() -> invisible.upload(request(body.length, null, null), TestBody.of(body)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.SERVICE_UNAVAILABLE));

        // a later upload on the same partition comes after any abort the failed one could have sent
        uploader().upload(request(0, null, null), TestBody.of(new byte[0]));
        List<UploadRecord> sent = records.readUntil("two commits",
                list -> list.stream().filter(record -> !(record instanceof UploadRecord.Chunk)).count() == 2);
        assertThat(sent.get(0)).isInstanceOf(UploadRecord.CompleteUpload.class);
        assertThat(sent).noneMatch(UploadRecord.Abort.class::isInstance);
    }

    @Test
    void durableUploadReturnsOnceKafkaHasTheCommitWithoutWaitingForTheCatalog() throws IOException {
        FakeVisibilityWaiter never = FakeVisibilityWaiter.never();
        var uploader = new ObjectUploader(producer, topic, FakeCatalog.empty(), never, versionClock, budget, CONFIG,
                clock);
        byte[] body = randomBytes(CHUNK * 3 / 2);
        var request = new UploadRequest("bucket", "logs/b.gz", body.length, ObjectMetadata.EMPTY, null, null, null,
                null, Acknowledgement.DURABLE);

        UploadResult result = uploader.upload(request, TestBody.of(body));

        List<UploadRecord> sent = records.readUntil("commit", ObjectUploaderTest::endsWithCommitOrAbort);
        assertThat(sent).hasSize(3);
        assertThat(((UploadRecord.Commit) sent.get(2)).manifest()).isEqualTo(result.manifest());
        assertThat(never.registered()).isEmpty();
    }

    @Test
    void versionsIncreaseAcrossUploadsEvenWhenTheCatalogIsAhead() throws IOException {
        var future = new VersionId(System.currentTimeMillis() + Duration.ofDays(1).toMillis(), 3, 9);
        var uploader = new ObjectUploader(producer, topic, FakeCatalog.withNewestVersion(future), visibility,
                versionClock, budget, CONFIG, clock);

        VersionId first = uploader.upload(request(0, null, null), TestBody.of(new byte[0])).manifest().versionId();
        VersionId second = uploader.upload(request(0, null, null), TestBody.of(new byte[0])).manifest().versionId();

        assertThat(first).isGreaterThan(future);
        assertThat(second).isGreaterThan(first);
        assertThat(second.nodeId()).isEqualTo(CONFIG.nodeId());
    }

    @Test
    void aNewestVersionReadBeforeTheBodyOrdersTheNewVersionWithoutAskingTheCatalogAgain() throws IOException {
        var future = new VersionId(System.currentTimeMillis() + Duration.ofDays(1).toMillis(), 3, 9);
        var uploader = new ObjectUploader(producer, topic, FakeCatalog.empty(), visibility, versionClock, budget,
                CONFIG, clock);

        VersionId version = uploader.upload(request(0, null, null), TestBody.of(new byte[0]), future).manifest()
                .versionId();

        assertThat(version).isGreaterThan(future);
    }

    private ObjectUploader uploader() {
        return new ObjectUploader(producer, topic, FakeCatalog.empty(), visibility, versionClock, budget, CONFIG,
                clock);
    }

    private static UploadRequest request(long contentLength, String md5, ExpectedChecksum checksum) {
        return new UploadRequest("bucket", "key", contentLength, ObjectMetadata.EMPTY, md5, checksum);
    }

    private static ObjectMetadata metadata() {
        return new ObjectMetadata("application/gzip", null, null, null, null, Map.of("origin", "test"), Map.of());
    }

    private static boolean endsWithCommitOrAbort(List<UploadRecord> list) {
        return !list.isEmpty() && !(list.get(list.size() - 1) instanceof UploadRecord.Chunk);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static byte[] md5(byte[] bytes) {
        return digest("MD5", bytes);
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] crc32c(byte[] bytes) {
        var crc = new CRC32C();
        crc.update(bytes);
        return ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
