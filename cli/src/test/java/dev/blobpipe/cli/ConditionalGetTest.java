package dev.blobpipe.cli;

import static dev.blobpipe.cli.testing.S3Errors.s3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.GeneratedBody;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * GetObject and HeadObject with If-Match, If-None-Match, If-Modified-Since and If-Unmodified-Since through the AWS SDK
 * v2 with its defaults: 200, 412 PreconditionFailed or 304 Not Modified, evaluated in RFC 9110 section 13.2.2's order.
 * The SDK surfaces a 304 as an S3Exception with status 304, like any other non-2xx answer.
 */
class ConditionalGetTest {
    private static final int PART = 5 << 20;
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String OTHER_ETAG = "\"0123456789abcdef0123456789abcdef\"";

    private static final S3Client s3 = BlobpipeFixture.shared().sharedClient();

    /** The two reads that take the conditional headers. */
    enum Read { GET, HEAD }

    @ParameterizedTest
    @EnumSource(Read.class)
    void ifMatchWithTheCurrentEtagIs200(Read read) {
        // given
        Stored object = storedObject("im-ok");

        // when
        int status = status(read, object, new Conditions(object.etag(), null, null, null));

        // then
        assertThat(status).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Read.class)
    void ifMatchWithAnotherEtagIsPreconditionFailed(Read read) {
        // given
        Stored object = storedObject("im-fail");

        // when / then
        assertPreconditionFailed(read, object, new Conditions(OTHER_ETAG, null, null, null));
    }

    @ParameterizedTest
    @EnumSource(Read.class)
    void ifNoneMatchWithTheCurrentEtagIsNotModified(Read read) {
        // given
        Stored object = storedObject("inm-304");

        // when / then
        assertNotModified(read, object, new Conditions(null, object.etag(), null, null));
    }

    @ParameterizedTest
    @EnumSource(Read.class)
    void ifNoneMatchWithAnotherEtagIs200(Read read) {
        // given
        Stored object = storedObject("inm-ok");

        // when
        int status = status(read, object, new Conditions(null, OTHER_ETAG, null, null));

        // then
        assertThat(status).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Read.class)
    void ifModifiedSinceBeforeLastModifiedIs200(Read read) {
        // given
        Stored object = storedObject("ims-ok");

        // when
        int status = status(read, object, new Conditions(null, null, object.lastModified().minus(HOUR), null));

        // then
        assertThat(status).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} at Last-Modified + {1} s")
    @CsvSource({"GET, 0", "GET, 3600", "HEAD, 0", "HEAD, 3600"})
    void ifModifiedSinceAtOrAfterLastModifiedIsNotModified(Read read, long secondsAfter) {
        // given: Last-Modified as the server sent it, whole seconds; a server comparing its stored milliseconds
        // against that would call the object modified at offset 0
        Stored object = storedObject("ims-304");
        Instant since = object.lastModified().plusSeconds(secondsAfter);

        // when / then
        assertNotModified(read, object, new Conditions(null, null, since, null));
    }

    @ParameterizedTest
    @EnumSource(Read.class)
    void ifUnmodifiedSinceBeforeLastModifiedIsPreconditionFailed(Read read) {
        // given
        Stored object = storedObject("ius-fail");

        // when / then
        assertPreconditionFailed(read, object, new Conditions(null, null, null, object.lastModified().minus(HOUR)));
    }

    @ParameterizedTest(name = "{0} at Last-Modified + {1} s")
    @CsvSource({"GET, 0", "GET, 3600", "HEAD, 0", "HEAD, 3600"})
    void ifUnmodifiedSinceAtOrAfterLastModifiedIs200(Read read, long secondsAfter) {
        // given
        Stored object = storedObject("ius-ok");
        Instant since = object.lastModified().plusSeconds(secondsAfter);

        // when
        int status = status(read, object, new Conditions(null, null, null, since));

        // then
        assertThat(status).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Read.class)
    void matchingIfMatchMakesAFailingIfUnmodifiedSinceIrrelevant(Read read) {
        // given: RFC 9110 13.2.2 step 2 evaluates If-Unmodified-Since only without If-Match
        Stored object = storedObject("im-ius");
        Conditions conditions = new Conditions(object.etag(), null, null, object.lastModified().minus(HOUR));

        // when
        int status = status(read, object, conditions);

        // then
        assertThat(status).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Read.class)
    void failingIfMatchIsPreconditionFailedEvenWhenIfUnmodifiedSinceHolds(Read read) {
        // given
        Stored object = storedObject("im-ius-fail");
        Conditions conditions = new Conditions(OTHER_ETAG, null, null, object.lastModified().plus(HOUR));

        // when / then
        assertPreconditionFailed(read, object, conditions);
    }

    @ParameterizedTest
    @EnumSource(Read.class)
    void matchingIfNoneMatchIsNotModifiedEvenWhenIfModifiedSinceHolds(Read read) {
        // given: RFC 9110 13.2.2 step 4 evaluates If-Modified-Since only without If-None-Match
        Stored object = storedObject("inm-ims");
        Conditions conditions = new Conditions(null, object.etag(), object.lastModified().minus(HOUR), null);

        // when / then
        assertNotModified(read, object, conditions);
    }

    @ParameterizedTest
    @EnumSource(Read.class)
    void multipartEtagSatisfiesIfMatch(Read read) {
        // given
        Stored object = multipartObject("mp-im");
        assertThat(object.etag()).endsWith("-2\"");

        // when
        int status = status(read, object, new Conditions(object.etag(), null, null, null));

        // then
        assertThat(status).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Read.class)
    void multipartEtagInIfNoneMatchIsNotModified(Read read) {
        // given
        Stored object = multipartObject("mp-inm");

        // when / then
        assertNotModified(read, object, new Conditions(null, object.etag(), null, null));
    }

    @ParameterizedTest
    @EnumSource(Read.class)
    void multipartEtagWithoutItsPartCountIsPreconditionFailed(Read read) {
        // given: the MD5 of MD5s alone, without "-2", is another entity tag
        Stored object = multipartObject("mp-im-fail");
        String withoutCount = object.etag().substring(0, object.etag().lastIndexOf('-')) + "\"";

        // when / then
        assertPreconditionFailed(read, object, new Conditions(withoutCount, null, null, null));
    }

    /** The conditional request headers; null leaves a header out. */
    private record Conditions(String ifMatch, String ifNoneMatch, Instant ifModifiedSince, Instant ifUnmodifiedSince) {
    }

    /** A stored object as HEAD reports it. */
    private record Stored(String bucket, String key, String etag, Instant lastModified, byte[] body) {
    }

    /** The HTTP status of the read: the SDK returns 2xx and throws S3Exception for 304 and every error. */
    private static int status(Read read, Stored object, Conditions conditions) {
        try {
            return send(read, object, conditions);
        } catch (S3Exception e) {
            return e.statusCode();
        }
    }

    private static int send(Read read, Stored object, Conditions conditions) {
        if (read == Read.HEAD) {
            return s3.headObject(head -> head.bucket(object.bucket()).key(object.key())
                    .ifMatch(conditions.ifMatch())
                    .ifNoneMatch(conditions.ifNoneMatch())
                    .ifModifiedSince(conditions.ifModifiedSince())
                    .ifUnmodifiedSince(conditions.ifUnmodifiedSince())).sdkHttpResponse().statusCode();
        }
        var get = s3.getObjectAsBytes(request -> request.bucket(object.bucket()).key(object.key())
                .ifMatch(conditions.ifMatch())
                .ifNoneMatch(conditions.ifNoneMatch())
                .ifModifiedSince(conditions.ifModifiedSince())
                .ifUnmodifiedSince(conditions.ifUnmodifiedSince()));
        if (object.body() != null) {
            // a 200 must still carry the object, not an empty answer
            assertThat(get.asByteArray()).isEqualTo(object.body());
        }
        return get.response().sdkHttpResponse().statusCode();
    }

    private static void assertPreconditionFailed(Read read, Stored object, Conditions conditions) {
        S3Exception error = s3Error(() -> send(read, object, conditions));
        assertThat(error.statusCode()).as("HTTP status of %s %s", read, conditions).isEqualTo(412);
        if (read == Read.GET) {
            // a HEAD answer has no body, so only GET carries the S3 code
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
        }
    }

    private static void assertNotModified(Read read, Stored object, Conditions conditions) {
        S3Exception error = s3Error(() -> send(read, object, conditions));
        assertThat(error.statusCode()).as("HTTP status of %s %s", read, conditions).isEqualTo(304);
        // RFC 9110 15.4.5: a 304 carries the ETag a 200 would have carried
        assertThat(error.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("ETag"))
                .as("ETag of the 304").contains(object.etag());
    }

    private static Stored storedObject(String prefix) {
        String bucket = newBucket(prefix);
        byte[] body = new byte[4096];
        new Random(prefix.hashCode()).nextBytes(body);
        s3.putObject(put -> put.bucket(bucket).key("conditional"), RequestBody.fromBytes(body));
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("conditional"));
        return new Stored(bucket, "conditional", head.eTag(), head.lastModified(), body);
    }

    /** A two-part object (5 MiB and 1000 bytes) with a "-2" ETag; its body is not kept, so GETs do not compare it. */
    private static Stored multipartObject(String prefix) {
        String bucket = newBucket(prefix);
        String key = "multipart";
        String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> parts = List.of(
                uploadPart(bucket, key, uploadId, 1, PART),
                uploadPart(bucket, key, uploadId, 2, 1000));
        s3.completeMultipartUpload(complete -> complete.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(key));
        return new Stored(bucket, key, head.eTag(), head.lastModified(), null);
    }

    private static CompletedPart uploadPart(String bucket, String key, String uploadId, int partNumber, int size) {
        RequestBody body = RequestBody.fromContentProvider(() -> new GeneratedBody(partNumber, size), size,
                "application/octet-stream");
        String etag = s3.uploadPart(upload -> upload.bucket(bucket).key(key).uploadId(uploadId)
                .partNumber(partNumber), body).eTag();
        return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
    }

    private static String newBucket(String prefix) {
        String bucket = BlobpipeFixture.uniqueBucket(prefix);
        s3.createBucket(create -> create.bucket(bucket));
        return bucket;
    }
}
