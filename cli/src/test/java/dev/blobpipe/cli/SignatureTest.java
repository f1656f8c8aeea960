package dev.blobpipe.cli;

import static dev.blobpipe.cli.testing.S3Errors.assertKeyAbsent;
import static dev.blobpipe.cli.testing.S3Errors.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.Checksums;
import dev.blobpipe.cli.testing.RawResponse;
import dev.blobpipe.cli.testing.SignedHttp;
import dev.blobpipe.cli.testing.TextBody;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;

/**
 * SigV4: requests signed by the SDK's signer succeed, and each change made after signing (a header, a body byte, the
 * date, a chunk of an aws-chunked body), a wrong secret, an unknown key or no signature at all is refused with 403 (or
 * 400 for a payload hash mismatch) and the S3 code, and stores nothing.
 */
class SignatureTest {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
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

    @Test
    void correctlySignedPutWithHexPayloadHashIsStored() {
        // given
        String bucket = newBucket("hexok");
        byte[] body = randomBytes(10_000, 1);

        // when
        RawResponse put = http.send(http.sign(http.request(SdkHttpMethod.PUT, "/" + bucket + "/k"), body));

        // then
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).asByteArray()).isEqualTo(body);
        RawResponse get = http.send(http.sign(http.request(SdkHttpMethod.GET, "/" + bucket + "/k"), new byte[0]));
        assertThat(get.status()).as("%s", get).isEqualTo(200);
    }

    @Test
    void correctlySignedAwsChunkedPutIsStored() {
        // given: STREAMING-AWS4-HMAC-SHA256-PAYLOAD, three chunks of at most 128 KiB plus the final empty one
        String bucket = newBucket("chunkok");
        byte[] body = randomBytes(300_000, 2);
        SignedHttp.Signed put = http.signChunked(http.request(SdkHttpMethod.PUT, "/" + bucket + "/k"), body);
        assertThat(put.header("x-amz-content-sha256")).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");

        // when
        RawResponse response = http.send(put);

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).asByteArray()).isEqualTo(body);
    }

    @Test
    void correctlySignedUnsignedPayloadPutIsStored() {
        // given
        String bucket = newBucket("unsignedok");
        byte[] body = randomBytes(5_000, 3);

        // when
        RawResponse put = http.send(http.signUnsignedPayload(
                http.request(SdkHttpMethod.PUT, "/" + bucket + "/k"), body));

        // then
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).asByteArray()).isEqualTo(body);
    }

    @Test
    void changedSignedHeaderIsSignatureDoesNotMatch() {
        // given
        String bucket = newBucket("header");
        SignedHttp.Signed put = http.sign(http.request(SdkHttpMethod.PUT, "/" + bucket + "/k")
                .putHeader("x-amz-meta-color", "blue"), "body".getBytes(StandardCharsets.UTF_8));

        // when
        RawResponse response = http.send(put.withHeader("x-amz-meta-color", "red"));

        // then
        assertS3Xml(response, 403, "SignatureDoesNotMatch");
        assertKeyAbsent(s3, bucket, "k");
    }

    @Test
    void changedBodyByteIsContentSha256Mismatch() {
        // given: the body's hex SHA-256 is in the signed x-amz-content-sha256 header
        String bucket = newBucket("body");
        SignedHttp.Signed put = http.sign(http.request(SdkHttpMethod.PUT, "/" + bucket + "/k"),
                randomBytes(50_000, 4));

        // when
        RawResponse response = http.send(put.withBodyByteFlipped(25_000));

        // then: S3 answers 400 XAmzContentSHA256Mismatch when the body does not hash to the signed value
        assertS3Xml(response, 400, "XAmzContentSHA256Mismatch");
        assertKeyAbsent(s3, bucket, "k");
    }

    @Test
    void changedDateIsSignatureDoesNotMatch() {
        // given
        String bucket = newBucket("date");
        SignedHttp.Signed put = http.sign(http.request(SdkHttpMethod.PUT, "/" + bucket + "/k"),
                "body".getBytes(StandardCharsets.UTF_8));
        String signedDate = put.header("X-Amz-Date");
        String earlier = AMZ_DATE.format(LocalDateTime.parse(signedDate, AMZ_DATE).minusSeconds(1));

        // when
        RawResponse response = http.send(put.withHeader("X-Amz-Date", earlier));

        // then
        assertS3Xml(response, 403, "SignatureDoesNotMatch");
        assertKeyAbsent(s3, bucket, "k");
    }

    @ParameterizedTest(name = "{0} minutes")
    @ValueSource(ints = {20, -20})
    void clockSkewOverFifteenMinutesIsRequestTimeTooSkewed(int minutes) {
        // given: correctly signed, but at a time 20 minutes off
        String bucket = newBucket("skew");
        Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(minutes));

        // when
        RawResponse response = http.send(http.signAt(http.request(SdkHttpMethod.PUT, "/" + bucket + "/k"),
                "body".getBytes(StandardCharsets.UTF_8), skewed));

        // then
        assertS3Xml(response, 403, "RequestTimeTooSkewed");
        assertKeyAbsent(s3, bucket, "k");
    }

    @Test
    void clockSkewWithinFifteenMinutesIsAccepted() {
        // given
        String bucket = newBucket("smallskew");
        Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));

        // when
        RawResponse response = http.send(http.signAt(http.request(SdkHttpMethod.PUT, "/" + bucket + "/k"),
                "body".getBytes(StandardCharsets.UTF_8), skewed));

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        // given
        String bucket = newBucket("secret");

        // when / then
        try (S3Client wrong = fixture.clientWith(BlobpipeFixture.ACCESS_KEY, "not-the-secret-key-000000000000000000")) {
            assertS3Error(() -> wrong.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("x")),
                    403, "SignatureDoesNotMatch");
            assertS3Error(() -> wrong.listObjectsV2(list -> list.bucket(bucket)), 403, "SignatureDoesNotMatch");
        }
        assertKeyAbsent(s3, bucket, "k");
    }

    @Test
    void unknownAccessKeyIsInvalidAccessKeyId() {
        // given
        String bucket = newBucket("unknownkey");

        // when / then
        try (S3Client unknown = fixture.clientWith("AKIAUNKNOWNKEY000000", BlobpipeFixture.SECRET_KEY)) {
            assertS3Error(() -> unknown.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("x")),
                    403, "InvalidAccessKeyId");
            assertS3Error(() -> unknown.listBuckets(), 403, "InvalidAccessKeyId");
        }
        assertKeyAbsent(s3, bucket, "k");
    }

    @Test
    void requestWithoutAuthorizationIsAccessDenied() {
        // given
        String bucket = newBucket("anonymous");
        byte[] body = "body".getBytes(StandardCharsets.UTF_8);
        var unsignedPut = new SignedHttp.Signed(http.request(SdkHttpMethod.PUT, "/" + bucket + "/k")
                .putHeader("Content-Length", Integer.toString(body.length)).build(), body);
        var unsignedList = new SignedHttp.Signed(http.request(SdkHttpMethod.GET, "/" + bucket).build(), new byte[0]);

        // when
        RawResponse put = http.send(unsignedPut);
        RawResponse list = http.send(unsignedList);

        // then
        assertS3Xml(put, 403, "AccessDenied");
        assertS3Xml(list, 403, "AccessDenied");
        assertKeyAbsent(s3, bucket, "k");
    }

    @Test
    void tamperedAwsChunkedChunkIsSignatureDoesNotMatch() {
        // given: a correctly signed aws-chunked body whose last data chunk has one byte changed afterwards
        String bucket = newBucket("chunk");
        SignedHttp.Signed put = http.signChunked(http.request(SdkHttpMethod.PUT, "/" + bucket + "/k"),
                randomBytes(300_000, 5));
        String wire = new String(put.body(), StandardCharsets.ISO_8859_1);
        int finalChunk = wire.lastIndexOf("0;chunk-signature=");
        assertThat(wire.substring(finalChunk - 2, finalChunk)).isEqualTo("\r\n");

        // when: flip the last data byte, just before the CRLF that ends the last data chunk
        RawResponse response = http.send(put.withBodyByteFlipped(finalChunk - 3));

        // then
        assertS3Xml(response, 403, "SignatureDoesNotMatch");
        assertKeyAbsent(s3, bucket, "k");
    }

    @ParameterizedTest(name = "signed chunks: {0}")
    @ValueSource(booleans = {true, false})
    void trailerChecksumPutIsStoredWithItsChecksum(boolean signedChunks) {
        // given: the SDK's default body shape, aws-chunked with an x-amz-checksum-crc32 trailer
        String bucket = newBucket("trailer");
        byte[] body = randomBytes(300_000, 6);
        SignedHttp.Signed put = http.signChunkedWithTrailer(
                http.request(SdkHttpMethod.PUT, "/" + bucket + "/k"), body, signedChunks);

        // when
        RawResponse response = http.send(put);

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        var read = s3.getObjectAsBytes(get -> get.bucket(bucket).key("k").checksumMode(ChecksumMode.ENABLED));
        assertThat(read.asByteArray()).isEqualTo(body);
        assertThat(read.response().checksumCRC32()).isEqualTo(Checksums.crc32Base64(body));
    }

    @Test
    void tamperedSignedTrailerIsSignatureDoesNotMatch() {
        // given: STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER whose trailer checksum is replaced after signing
        String bucket = newBucket("badtrailer");
        byte[] body = randomBytes(300_000, 7);
        SignedHttp.Signed put = http.signChunkedWithTrailer(
                http.request(SdkHttpMethod.PUT, "/" + bucket + "/k"), body, true);
        String original = "x-amz-checksum-crc32:" + Checksums.crc32Base64(body);
        String forged = "x-amz-checksum-crc32:" + Checksums.crc32Base64(randomBytes(10, 8));
        String wire = new String(put.body(), StandardCharsets.ISO_8859_1);
        assertThat(wire).contains(original);
        SignedHttp.Signed tampered = new SignedHttp.Signed(put.request(),
                wire.replace(original, forged).getBytes(StandardCharsets.ISO_8859_1));

        // when
        RawResponse response = http.send(tampered);

        // then
        assertS3Xml(response, 403, "SignatureDoesNotMatch");
        assertKeyAbsent(s3, bucket, "k");
    }

    @Test
    void unsignedTrailerWithChangedDataIsChecksumMismatch() {
        // given: STREAMING-UNSIGNED-PAYLOAD-TRAILER, so only the trailer's CRC32 protects the data
        String bucket = newBucket("crcmismatch");
        SignedHttp.Signed put = http.signChunkedWithTrailer(
                http.request(SdkHttpMethod.PUT, "/" + bucket + "/k"), randomBytes(300_000, 9), false);
        int firstData = new String(put.body(), StandardCharsets.ISO_8859_1).indexOf("\r\n") + 2;

        // when
        RawResponse response = http.send(put.withBodyByteFlipped(firstData + 1_000));

        // then: S3 answers 400 BadDigest for a checksum that does not match; XAmzContentChecksumMismatch is its twin
        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.errorCode()).as("%s", response).isIn("XAmzContentChecksumMismatch", "BadDigest");
        assertKeyAbsent(s3, bucket, "k");
    }

    private static void assertS3Xml(RawResponse response, int status, String code) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.errorCode()).as("Code of %s", response).isEqualTo(code);
        assertThat(response.xmlElement("RequestId")).as("RequestId of %s", response)
                .hasValueSatisfying(id -> assertThat(id).isNotBlank());
    }

    private static String newBucket(String prefix) {
        String bucket = BlobpipeFixture.uniqueBucket(prefix);
        s3.createBucket(create -> create.bucket(bucket));
        return bucket;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
