package dev.blobpipe.cli;

import static dev.blobpipe.cli.testing.S3Errors.assertKeyAbsent;
import static dev.blobpipe.cli.testing.S3Errors.assertS3Error;
import static dev.blobpipe.cli.testing.S3Errors.s3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.Checksums;
import dev.blobpipe.cli.testing.TextBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** PutObject, GetObject, HeadObject and DeleteObject through the AWS SDK v2 with its defaults (checksums on). */
class ObjectRoundTripTest {
    private static final int MIB = 1 << 20;
    private static final S3Client s3 = BlobpipeFixture.shared().sharedClient();

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, MIB - 1, MIB, MIB + 1})
    void objectReadsBackByteIdentical(int size) {
        // given
        String bucket = newBucket("size");
        byte[] body = randomBytes(size, size);

        // when
        var put = s3.putObject(p -> p.bucket(bucket).key("object"), RequestBody.fromBytes(body));
        var read = s3.getObjectAsBytes(get -> get.bucket(bucket).key("object"));

        // then
        assertThat(Checksums.sha256Hex(read.asByteArray())).isEqualTo(Checksums.sha256Hex(body));
        assertThat(read.response().contentLength()).isEqualTo(size);
        assertThat(read.response().eTag()).isEqualTo(Checksums.etag(body));
        assertThat(put.eTag()).isEqualTo(Checksums.etag(body));
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("object"));
        assertThat(head.contentLength()).isEqualTo(size);
        assertThat(head.eTag()).isEqualTo(Checksums.etag(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space.txt", "ключ/日本語 ✓", "a+b", "100%", "%41", "a//b", "a&b=c?d#e",
        "trailing/", "semi;colon,comma~tilde'quote", "ﬀ😀", "a/./b", "a/../b", "..", "back\\slash"})
    void unusualKeyRoundTrips(String key) {
        // given
        String bucket = newBucket("keys");
        byte[] body = ("body of " + key).getBytes(StandardCharsets.UTF_8);

        // when
        s3.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromBytes(body));

        // then
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asByteArray()).isEqualTo(body);
        assertThat(s3.listObjectsV2(list -> list.bucket(bucket)).contents()).extracting(S3Object::key)
                .containsExactly(key);
    }

    @Test
    void keyOfExactly1024Utf8BytesIsAccepted() {
        // given: 341 three-byte characters and one ASCII letter, so byte and char counts differ
        String bucket = newBucket("longkey");
        String key = "日".repeat(341) + "a";
        assertThat(key.getBytes(StandardCharsets.UTF_8)).hasSize(1024);

        // when
        s3.putObject(put -> put.bucket(bucket).key(key), TextBody.of("long"));

        // then
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asUtf8String()).isEqualTo("long");
        assertThat(s3.listObjectsV2(list -> list.bucket(bucket)).contents()).extracting(S3Object::key)
                .containsExactly(key);
    }

    @Test
    void keyOf1025Utf8BytesIsKeyTooLong() {
        // given
        String bucket = newBucket("toolong");
        String key = "日".repeat(341) + "ab";
        assertThat(key.getBytes(StandardCharsets.UTF_8)).hasSize(1025);

        // when / then
        assertS3Error(() -> s3.putObject(put -> put.bucket(bucket).key(key), TextBody.of("x")),
                400, "KeyTooLongError");
        assertThat(s3.listObjectsV2(list -> list.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void headersAndUserMetadataAreKept() {
        // given
        String bucket = newBucket("meta");
        Instant expires = Instant.parse("2030-01-02T03:04:05Z");
        Map<String, String> metadata = Map.of("color", "blue", "note", "two words");

        // when
        s3.putObject(put -> put.bucket(bucket).key("doc")
                        .contentType("text/plain; charset=utf-8")
                        .contentEncoding("gzip")
                        .contentDisposition("attachment; filename=\"report.txt\"")
                        .cacheControl("max-age=60")
                        .expires(expires)
                        .metadata(metadata),
                TextBody.of("not really gzip"));

        // then: HEAD, so no client tries to decode the "gzip" body
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("doc"));
        assertThat(head.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(head.contentEncoding()).as("aws-chunked must be stripped, gzip kept").isEqualTo("gzip");
        assertThat(head.contentDisposition()).isEqualTo("attachment; filename=\"report.txt\"");
        assertThat(head.cacheControl()).isEqualTo("max-age=60");
        assertThat(parseHttpDate(head.expiresString())).isEqualTo(expires);
        assertThat(head.metadata()).isEqualTo(metadata);
        // and GET carries the same headers
        try (ResponseInputStream<GetObjectResponse> get = s3.getObject(g -> g.bucket(bucket).key("doc"))) {
            GetObjectResponse response = get.response();
            assertThat(response.contentType()).isEqualTo("text/plain; charset=utf-8");
            assertThat(response.contentEncoding()).isEqualTo("gzip");
            assertThat(response.contentDisposition()).isEqualTo("attachment; filename=\"report.txt\"");
            assertThat(response.cacheControl()).isEqualTo("max-age=60");
            assertThat(parseHttpDate(response.expiresString())).isEqualTo(expires);
            assertThat(response.metadata()).isEqualTo(metadata);
            get.abort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void textBodyWithCharsetContentTypeIsStored() {
        // given: RequestBody.fromString signs Content-Type "text/plain; charset=UTF-8" exactly as it sends it
        String bucket = newBucket("charset");

        // when
        s3.putObject(put -> put.bucket(bucket).key("t"), RequestBody.fromString("grüße"));

        // then
        var read = s3.getObjectAsBytes(get -> get.bucket(bucket).key("t"));
        assertThat(read.asUtf8String()).isEqualTo("grüße");
        assertThat(read.response().contentType()).isEqualTo("text/plain; charset=UTF-8");
    }

    @Test
    void lastModifiedIsNowAndContentLengthExact() {
        // given
        String bucket = newBucket("lastmod");
        Instant before = Instant.now().minusSeconds(2);
        byte[] body = randomBytes(12_345, 7);

        // when
        s3.putObject(put -> put.bucket(bucket).key("timed"), RequestBody.fromBytes(body));
        Instant after = Instant.now().plusSeconds(2);

        // then
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("timed"));
        assertThat(head.lastModified()).isBetween(before, after);
        assertThat(head.contentLength()).isEqualTo(12_345L);
        S3Object listed = s3.listObjectsV2(list -> list.bucket(bucket)).contents().get(0);
        assertThat(listed.size()).isEqualTo(12_345L);
        assertThat(listed.eTag()).isEqualTo(Checksums.etag(body));
        assertThat(listed.lastModified()).isBetween(before, after);
    }

    @Test
    void overwriteReturnsNewestBytes() {
        // given
        String bucket = newBucket("overwrite");
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("first version, longer"));

        // when
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("second"));

        // then
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).asUtf8String()).isEqualTo("second");
        byte[] second = "second".getBytes(StandardCharsets.UTF_8);
        assertThat(s3.headObject(h -> h.bucket(bucket).key("k")).eTag()).isEqualTo(Checksums.etag(second));
        assertThat(s3.listObjectsV2(list -> list.bucket(bucket)).contents())
                .singleElement()
                .satisfies(object -> assertThat(object.size()).isEqualTo(6L));
    }

    @Test
    void concurrentOverwritesSettleOnOneWholeVersion() throws Exception {
        // given: eight writers racing on one key, each with its own body
        String bucket = newBucket("race");
        List<byte[]> bodies = IntStream.range(0, 8).mapToObj(i -> randomBytes(50_000 + i, 100 + i)).toList();
        ExecutorService writers = Executors.newFixedThreadPool(bodies.size());
        try {
            List<Future<PutObjectResponse>> puts = bodies.stream().map(body -> writers.submit(
                    () -> s3.putObject(put -> put.bucket(bucket).key("hot"), RequestBody.fromBytes(body)))).toList();

            // when
            for (Future<PutObjectResponse> put : puts) {
                put.get(2, TimeUnit.MINUTES);
            }
        } finally {
            writers.shutdownNow();
        }

        // then: one writer's body, whole, and every view agrees on it
        byte[] read = s3.getObjectAsBytes(get -> get.bucket(bucket).key("hot")).asByteArray();
        assertThat(bodies).anySatisfy(body -> assertThat(body).isEqualTo(read));
        assertThat(s3.headObject(head -> head.bucket(bucket).key("hot")).eTag()).isEqualTo(Checksums.etag(read));
        assertThat(s3.listObjectsV2(list -> list.bucket(bucket)).contents()).singleElement()
                .satisfies(object -> assertThat(object.eTag()).isEqualTo(Checksums.etag(read)));
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("hot")).asByteArray()).isEqualTo(read);
    }

    @Test
    void keyWrittenAgainAfterDeleteHasTheNewBytes() {
        // given
        String bucket = newBucket("reput");
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("before"));
        s3.deleteObject(delete -> delete.bucket(bucket).key("k"));

        // when
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("after"));

        // then
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).asUtf8String()).isEqualTo("after");
    }

    @Test
    void deletedObjectIsNoSuchKey() {
        // given
        String bucket = newBucket("delete");
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("x"));

        // when
        int status = s3.deleteObject(delete -> delete.bucket(bucket).key("k")).sdkHttpResponse().statusCode();

        // then
        assertThat(status).isEqualTo(204);
        assertS3Error(() -> s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")), 404, "NoSuchKey");
        assertKeyAbsent(s3, bucket, "k");
        assertThat(s3.listObjectsV2(list -> list.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void deleteOfMissingKeyIs204() {
        // given
        String bucket = newBucket("delmissing");

        // when
        int status = s3.deleteObject(delete -> delete.bucket(bucket).key("never")).sdkHttpResponse().statusCode();

        // then
        assertThat(status).isEqualTo(204);
    }

    @Test
    void getOfMissingKeyIsNoSuchKey() {
        // given
        String bucket = newBucket("nokey");

        // when / then
        assertS3Error(() -> s3.getObjectAsBytes(get -> get.bucket(bucket).key("never")), 404, "NoSuchKey");
        assertKeyAbsent(s3, bucket, "never");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bytes=10-19", "bytes=0-0", "bytes=990-", "bytes=-25", "bytes=995-5000", "bytes=0-999"})
    void rangeReturnsExactBytesWith206(String range) throws IOException {
        // given
        String bucket = newBucket("range");
        byte[] body = randomBytes(1000, 3);
        s3.putObject(put -> put.bucket(bucket).key("r"), RequestBody.fromBytes(body));
        int[] expected = expectedRange(range, body.length);

        // when
        try (ResponseInputStream<GetObjectResponse> get = s3.getObject(g -> g.bucket(bucket).key("r").range(range))) {
            byte[] read = get.readAllBytes();

            // then
            assertThat(get.response().sdkHttpResponse().statusCode()).isEqualTo(206);
            assertThat(get.response().contentRange())
                    .isEqualTo("bytes " + expected[0] + "-" + expected[1] + "/" + body.length);
            assertThat(get.response().contentLength()).isEqualTo(expected[1] - expected[0] + 1L);
            assertThat(read).isEqualTo(Arrays.copyOfRange(body, expected[0], expected[1] + 1));
        }
    }

    @Test
    void rangeBeyondTheEndIsInvalidRange() {
        // given
        String bucket = newBucket("badrange");
        s3.putObject(put -> put.bucket(bucket).key("r"), RequestBody.fromBytes(randomBytes(1000, 4)));

        // when / then
        assertS3Error(() -> s3.getObjectAsBytes(get -> get.bucket(bucket).key("r").range("bytes=1000-2000")),
                416, "InvalidRange");
    }

    @Test
    void defaultChecksumIsReturnedWhenAsked() {
        // given: the SDK's default PUT sends x-amz-checksum-crc32 in the aws-chunked trailer
        String bucket = newBucket("crcdefault");
        byte[] body = randomBytes(300_000, 5);
        s3.putObject(put -> put.bucket(bucket).key("c"), RequestBody.fromBytes(body));

        // when
        var read = s3.getObjectAsBytes(get -> get.bucket(bucket).key("c").checksumMode(ChecksumMode.ENABLED));
        var head = s3.headObject(h -> h.bucket(bucket).key("c").checksumMode(ChecksumMode.ENABLED));

        // then
        assertThat(read.response().checksumCRC32()).isEqualTo(Checksums.crc32Base64(body));
        assertThat(head.checksumCRC32()).isEqualTo(Checksums.crc32Base64(body));
        assertThat(read.asByteArray()).isEqualTo(body);
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32_C", "SHA1", "SHA256"})
    void chosenChecksumIsVerifiedStoredAndReturned(ChecksumAlgorithm algorithm) {
        // given
        String bucket = newBucket("checksum");
        byte[] body = randomBytes(200_000, algorithm.ordinal());

        // when
        s3.putObject(put -> put.bucket(bucket).key("c").checksumAlgorithm(algorithm), RequestBody.fromBytes(body));

        // then
        var read = s3.getObjectAsBytes(get -> get.bucket(bucket).key("c").checksumMode(ChecksumMode.ENABLED));
        var head = s3.headObject(h -> h.bucket(bucket).key("c").checksumMode(ChecksumMode.ENABLED));
        Function<GetObjectResponse, String> getValue = checksumOf(algorithm);
        assertThat(getValue.apply(read.response())).isEqualTo(expectedChecksum(algorithm, body));
        assertThat(headChecksum(algorithm, head)).isEqualTo(expectedChecksum(algorithm, body));
        assertThat(read.asByteArray()).isEqualTo(body);
    }

    @Test
    void wrongContentMd5IsBadDigestAndStoresNothing() {
        // given
        String bucket = newBucket("md5");
        String wrongMd5 = Checksums.md5Base64("something else".getBytes(StandardCharsets.UTF_8));

        // when / then
        assertS3Error(() -> s3.putObject(put -> put.bucket(bucket).key("m").contentMD5(wrongMd5),
                TextBody.of("the real body")), 400, "BadDigest");
        assertKeyAbsent(s3, bucket, "m");
        assertThat(s3.listObjectsV2(list -> list.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void malformedContentMd5IsInvalidDigest() {
        // given: not the base64 of 16 bytes
        String bucket = newBucket("md5bad");

        // when / then
        assertS3Error(() -> s3.putObject(put -> put.bucket(bucket).key("m").contentMD5("bm90LWFuLW1kNQ=="),
                TextBody.of("body")), 400, "InvalidDigest");
        assertKeyAbsent(s3, bucket, "m");
    }

    @Test
    void precomputedChecksumHeaderIsAcceptedAndReturned() {
        // given: the checksum sent as an x-amz-checksum-sha256 header instead of a trailer
        String bucket = newBucket("sumheader");
        byte[] body = randomBytes(70_000, 11);

        // when
        s3.putObject(put -> put.bucket(bucket).key("s").checksumSHA256(Checksums.sha256Base64(body)),
                RequestBody.fromBytes(body));

        // then
        var head = s3.headObject(h -> h.bucket(bucket).key("s").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumSHA256()).isEqualTo(Checksums.sha256Base64(body));
    }

    @Test
    void rightContentMd5IsAccepted() {
        // given
        String bucket = newBucket("md5ok");
        byte[] body = "the real body".getBytes(StandardCharsets.UTF_8);

        // when
        s3.putObject(put -> put.bucket(bucket).key("m").contentMD5(Checksums.md5Base64(body)),
                RequestBody.fromBytes(body));

        // then
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("m")).asByteArray()).isEqualTo(body);
    }

    @Test
    void wrongChecksumHeaderIsRefusedAndStoresNothing() {
        // given: a precomputed x-amz-checksum-sha256 header that belongs to other bytes
        String bucket = newBucket("badsum");
        String wrong = Checksums.sha256Base64("other bytes".getBytes(StandardCharsets.UTF_8));

        // when
        var error = s3Error(() -> s3.putObject(
                put -> put.bucket(bucket).key("s").checksumSHA256(wrong), TextBody.of("these bytes")));

        // then: S3 answers BadDigest for a header value; XAmzContentChecksumMismatch is its trailer twin
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorCode()).isIn("BadDigest", "XAmzContentChecksumMismatch");
        assertKeyAbsent(s3, bucket, "s");
    }

    @Test
    void objectAclGrantsOwnerFullControl() {
        // given
        String bucket = newBucket("oacl");
        s3.putObject(put -> put.bucket(bucket).key("a"), TextBody.of("x"));

        // when
        var acl = s3.getObjectAcl(get -> get.bucket(bucket).key("a"));

        // then
        assertThat(acl.owner().id()).isNotBlank();
        assertThat(acl.grants()).singleElement().satisfies(grant -> {
            assertThat(grant.permission()).isEqualTo(Permission.FULL_CONTROL);
            assertThat(grant.grantee().id()).isEqualTo(acl.owner().id());
        });
    }

    @Test
    void objectAclOfMissingKeyIsNoSuchKey() {
        // given
        String bucket = newBucket("oaclmissing");

        // when / then
        assertS3Error(() -> s3.getObjectAcl(get -> get.bucket(bucket).key("never")), 404, "NoSuchKey");
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

    /** First and last byte offsets a single-range header selects, per RFC 9110 section 14.1.2. */
    private static int[] expectedRange(String range, int size) {
        String spec = range.substring("bytes=".length());
        int dash = spec.indexOf('-');
        if (dash == 0) {
            int suffix = Integer.parseInt(spec.substring(1));
            return new int[] {Math.max(0, size - suffix), size - 1};
        }
        int first = Integer.parseInt(spec.substring(0, dash));
        int last = dash == spec.length() - 1 ? size - 1 : Math.min(size - 1, Integer.parseInt(spec.substring(dash + 1)));
        return new int[] {first, last};
    }

    private static Instant parseHttpDate(String value) {
        assertThat(value).as("Expires header").isNotNull();
        return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    private static String expectedChecksum(ChecksumAlgorithm algorithm, byte[] body) {
        return switch (algorithm) {
            case CRC32 -> Checksums.crc32Base64(body);
            case CRC32_C -> Checksums.crc32cBase64(body);
            case SHA1 -> Checksums.sha1Base64(body);
            case SHA256 -> Checksums.sha256Base64(body);
            default -> throw new IllegalArgumentException("not tested: " + algorithm);
        };
    }

    private static Function<GetObjectResponse, String> checksumOf(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32 -> GetObjectResponse::checksumCRC32;
            case CRC32_C -> GetObjectResponse::checksumCRC32C;
            case SHA1 -> GetObjectResponse::checksumSHA1;
            case SHA256 -> GetObjectResponse::checksumSHA256;
            default -> throw new IllegalArgumentException("not tested: " + algorithm);
        };
    }

    private static String headChecksum(ChecksumAlgorithm algorithm, HeadObjectResponse head) {
        return switch (algorithm) {
            case CRC32 -> head.checksumCRC32();
            case CRC32_C -> head.checksumCRC32C();
            case SHA1 -> head.checksumSHA1();
            case SHA256 -> head.checksumSHA256();
            default -> throw new IllegalArgumentException("not tested: " + algorithm);
        };
    }
}
