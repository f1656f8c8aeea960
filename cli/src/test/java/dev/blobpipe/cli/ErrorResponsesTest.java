package dev.blobpipe.cli;

import static dev.blobpipe.cli.testing.S3Errors.assertKeyAbsent;
import static dev.blobpipe.cli.testing.S3Errors.s3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.RawResponse;
import dev.blobpipe.cli.testing.SignedHttp;
import dev.blobpipe.cli.testing.TextBody;
import dev.blobpipe.embedded.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * Bad input, sent raw (signed with the SDK's signer, so only the intended fault differs): each gets its S3 error as
 * XML with the right status, Code and a RequestId, never a 500 or a dropped connection, and changes nothing.
 */
class ErrorResponsesTest {
    private static final long FIVE_GIB = 5L << 30;
    private static BlobpipeFixture fixture;
    private static S3Client s3;
    private static SignedHttp http;

    @BeforeAll
    static void start() {
        fixture = BlobpipeFixture.shared();
        s3 = fixture.client();
        http = fixture.signedHttp();
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    /** How the truncated PUT below is signed: each payload mode reads its body through a different decoder. */
    enum PayloadMode { UNSIGNED_PAYLOAD, HEX_SHA256, AWS_CHUNKED_SIGNED }

    @ParameterizedTest
    @EnumSource(PayloadMode.class)
    void bodyShorterThanContentLengthIsIncompleteBody(PayloadMode mode) {
        // given: a PUT whose client sends half of the announced body and then closes its side
        String bucket = seededBucket("incomplete");
        List<String> before = listing(bucket);
        SdkHttpRequest.Builder request = http.request(SdkHttpMethod.PUT, "/" + bucket + "/partial");
        byte[] body = new byte[300_000];
        SignedHttp.Signed put = switch (mode) {
            case UNSIGNED_PAYLOAD -> http.signUnsignedPayload(request, body);
            case HEX_SHA256 -> http.sign(request, body);
            case AWS_CHUNKED_SIGNED -> http.signChunked(request, body);
        };

        // when
        RawResponse response = http.sendRaw(put, put.body().length / 2);

        // then
        assertKeyAbsent(s3, bucket, "partial");
        assertThat(listing(bucket)).isEqualTo(before);
        assertS3Xml(response, 400, "IncompleteBody");
    }

    @Test
    void uploadCutOffAfterItsFirstChunkLeavesNoStagingData() throws IOException {
        // given: a PUT cut off after more than one chunk (1 MiB) went to Kafka, so the archiver began assembling it
        String bucket = seededBucket("cutoff");
        byte[] body = new byte[3 << 20];
        SignedHttp.Signed put = http.signUnsignedPayload(http.request(SdkHttpMethod.PUT, "/" + bucket + "/cut"), body);

        // when
        RawResponse response = http.sendRaw(put, (1 << 20) + (512 << 10));

        // then: nothing is visible, and once the archiver has consumed every chunk record (its committed offset
        // cannot pass an upload still open, so the abort must have been processed) no staging data is left
        assertS3Xml(response, 400, "IncompleteBody");
        assertKeyAbsent(s3, bucket, "cut");
        Await.value(Duration.ofSeconds(30), "archiver consumed the cut-off upload",
                () -> archiverCaughtUp() ? Boolean.TRUE : null);
        Path staging = fixture.dataDir().resolve("blobs").resolve("staging");
        // small uploads wait in the archiver's memory, so the directory exists only once some upload needed it
        if (Files.exists(staging)) {
            assertThat(staging).isEmptyDirectory();
        }
    }

    private static boolean archiverCaughtUp() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                fixture.system().kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets("blobpipe-archiver").partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return !committed.isEmpty() && committed.entrySet().stream()
                    .allMatch(entry -> entry.getValue().offset() == ends.get(entry.getKey()).offset());
        }
    }

    @Test
    void putOverFiveGibIsEntityTooLargeBeforeAnyBodyByte() {
        // given: Content-Length 5 GiB + 1 and no body: the answer must come from the headers alone
        String bucket = seededBucket("toolarge");
        List<String> before = listing(bucket);
        SignedHttp.Signed put = http.signUnsignedPayload(http.request(SdkHttpMethod.PUT, "/" + bucket + "/huge")
                .putHeader("Content-Length", Long.toString(FIVE_GIB + 1)), new byte[0]);

        // when
        RawResponse response = http.sendRaw(put, 0, false);

        // then
        assertS3Xml(response, 400, "EntityTooLarge");
        assertKeyAbsent(s3, bucket, "huge");
        assertThat(listing(bucket)).isEqualTo(before);
    }

    @Test
    void garbageCreateBucketConfigurationIsMalformedXml() {
        // given
        String bucket = BlobpipeFixture.uniqueBucket("malformed");
        byte[] garbage = "<CreateBucketConfiguration><LocationConstraint>eu-west-1</Loc"
                .getBytes(StandardCharsets.UTF_8);

        // when
        RawResponse response = http.send(http.sign(http.request(SdkHttpMethod.PUT, "/" + bucket), garbage));

        // then
        assertS3Xml(response, 400, "MalformedXML");
        assertThat(s3Error(() -> s3.headBucket(head -> head.bucket(bucket))).statusCode()).isEqualTo(404);
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain(bucket);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "99999999999999999999"})
    void badMaxKeysIsInvalidArgument(String maxKeys) {
        // given
        String bucket = seededBucket("maxkeys");

        // when
        RawResponse response = http.send(http.sign(http.request(SdkHttpMethod.GET, "/" + bucket)
                .putRawQueryParameter("list-type", "2")
                .putRawQueryParameter("max-keys", maxKeys), new byte[0]));

        // then
        assertS3Xml(response, 400, "InvalidArgument");
    }

    @Test
    void postOnAnObjectWithoutSubresourceIsMethodNotAllowed() {
        // given
        String bucket = seededBucket("post");
        List<String> before = listing(bucket);

        // when
        RawResponse response = http.send(http.sign(http.request(SdkHttpMethod.POST, "/" + bucket + "/seed"),
                new byte[0]));

        // then
        assertS3Xml(response, 405, "MethodNotAllowed");
        assertThat(listing(bucket)).isEqualTo(before);
    }

    @Test
    void bucketPolicyIsNotImplemented() {
        assertNotImplemented(bucket -> http.request(SdkHttpMethod.PUT, "/" + bucket)
                .putRawQueryParameter("policy", ""), "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
    }

    @Test
    void missingKeyIsNoSuchKeyXmlWithRequestId() {
        // given
        String bucket = seededBucket("nokey");

        // when
        RawResponse response = http.send(http.sign(http.request(SdkHttpMethod.GET, "/" + bucket + "/absent"),
                new byte[0]));

        // then
        assertS3Xml(response, 404, "NoSuchKey");
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("xml"));
        assertThat(response.xmlElement("Message")).hasValueSatisfying(message -> assertThat(message).isNotBlank());
        assertThat(response.header("x-amz-request-id")).as("x-amz-request-id header equals the RequestId element")
                .isEqualTo(response.xmlElement("RequestId"));
    }

    @Test
    void missingBucketIsNoSuchBucketXmlWithRequestId() {
        // given
        String bucket = BlobpipeFixture.uniqueBucket("nobucket");

        // when
        RawResponse response = http.send(http.sign(http.request(SdkHttpMethod.GET, "/" + bucket + "/absent"),
                new byte[0]));

        // then
        assertS3Xml(response, 404, "NoSuchBucket");
    }

    @Test
    void malformedPercentEncodingIsInvalidUri() {
        // given: "%ZZ" is no escape; sent on a raw socket because java.net.URI refuses it
        String bucket = seededBucket("baduri");
        List<String> before = listing(bucket);

        // when
        RawResponse response = http.sendRaw(http.sign(http.request(SdkHttpMethod.PUT, "/" + bucket + "/a%ZZ"),
                "x".getBytes(StandardCharsets.UTF_8)), 1);

        // then
        assertS3Xml(response, 400, "InvalidURI");
        assertThat(listing(bucket)).isEqualTo(before);
    }

    @Test
    void encodedSlashInThePathIsPartOfTheKey() {
        // given: some clients send "/" inside a key as %2F; S3 decodes it, and Jetty must not refuse it as ambiguous
        String bucket = seededBucket("slash");

        // when
        RawResponse response = http.send(http.sign(http.request(SdkHttpMethod.PUT, "/" + bucket + "/a%2Fb"),
                "slashed".getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("a/b")).asUtf8String()).isEqualTo("slashed");
    }

    @Test
    void garbledRangeIsIgnoredAsS3Does() {
        // given: S3 ignores a Range header it cannot parse and answers the whole object (RFC 9110 section 14.2)
        String bucket = seededBucket("garbled");

        // when
        RawResponse response = http.send(http.sign(http.request(SdkHttpMethod.GET, "/" + bucket + "/seed")
                .putHeader("Range", "bytes=abc"), new byte[0]));

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.body()).isEqualTo("seed body");
    }

    private void assertNotImplemented(Function<String, SdkHttpRequest.Builder> request,
            String body) {
        // given
        String bucket = seededBucket("notimpl");
        List<String> before = listing(bucket);

        // when
        RawResponse response = http.send(http.sign(request.apply(bucket), body.getBytes(StandardCharsets.UTF_8)));

        // then
        assertS3Xml(response, 501, "NotImplemented");
        assertThat(listing(bucket)).isEqualTo(before);
    }

    private static void assertS3Xml(RawResponse response, int status, String code) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.errorCode()).as("Code of %s", response).isEqualTo(code);
        assertThat(response.xmlElement("RequestId")).as("RequestId of %s", response)
                .hasValueSatisfying(id -> assertThat(id).isNotBlank());
    }

    private static String seededBucket(String prefix) {
        String bucket = BlobpipeFixture.uniqueBucket(prefix);
        s3.createBucket(create -> create.bucket(bucket));
        s3.putObject(put -> put.bucket(bucket).key("seed"), TextBody.of("seed body"));
        return bucket;
    }

    /** What a client can observe of the bucket's content: key, ETag and size of every object. */
    private static List<String> listing(String bucket) {
        return s3.listObjectsV2(list -> list.bucket(bucket)).contents().stream()
                .map(object -> object.key() + " " + object.eTag() + " " + object.size())
                .toList();
    }
}
