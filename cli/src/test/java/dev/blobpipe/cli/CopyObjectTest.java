package dev.blobpipe.cli;

import static dev.blobpipe.cli.testing.S3Errors.assertKeyAbsent;
import static dev.blobpipe.cli.testing.S3Errors.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.Checksums;
import dev.blobpipe.cli.testing.GeneratedBody;
import dev.blobpipe.cli.testing.TextBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;

/**
 * CopyObject through the AWS SDK v2 with its defaults: both metadata directives, copies of single and multipart
 * objects (a new version that shares the source's blobs, so no byte moves), the copy-source conditionals, and the
 * copy's independence from its source.
 */
class CopyObjectTest {
    private static final int MIB = 1 << 20;
    private static final long LARGE_SIZE = 200L * MIB;
    private static final S3Client s3 = BlobpipeFixture.shared().sharedClient();

    @Test
    void copyDirectiveKeepsTheSourceMetadataAndContentType() {
        // given: a source with content headers and user metadata
        String bucket = newBucket("copydir");
        s3.putObject(put -> put.bucket(bucket).key("src").contentType("text/csv").cacheControl("max-age=60")
                .contentDisposition("inline").metadata(Map.of("origin", "source", "rows", "3")),
                TextBody.of("a,b\n1,2\n3,4\n"));

        // when: the request's own metadata must be ignored under COPY
        CopyObjectResponse copy = s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst").metadataDirective(MetadataDirective.COPY)
                .metadata(Map.of("ignored", "yes")));

        // then
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("dst"));
        assertThat(head.contentType()).isEqualTo("text/csv");
        assertThat(head.cacheControl()).isEqualTo("max-age=60");
        assertThat(head.contentDisposition()).isEqualTo("inline");
        assertThat(head.metadata()).isEqualTo(Map.of("origin", "source", "rows", "3"));
        String expectedEtag = Checksums.etag("a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
        assertThat(copy.copyObjectResult().eTag()).isEqualTo(expectedEtag);
        assertThat(head.eTag()).isEqualTo(expectedEtag);
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("dst")).asUtf8String())
                .isEqualTo("a,b\n1,2\n3,4\n");
    }

    @Test
    void copyWithoutDirectiveDefaultsToCopy() {
        // given
        String bucket = newBucket("copydefault");
        s3.putObject(put -> put.bucket(bucket).key("src").contentType("image/png")
                .metadata(Map.of("camera", "x100")), TextBody.of("not a png"));

        // when
        s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst"));

        // then
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("dst"));
        assertThat(head.contentType()).isEqualTo("image/png");
        assertThat(head.metadata()).isEqualTo(Map.of("camera", "x100"));
    }

    @Test
    void replaceDirectiveTakesTheRequestMetadataAndContentType() {
        // given
        String bucket = newBucket("replacedir");
        s3.putObject(put -> put.bucket(bucket).key("src").contentType("text/csv").cacheControl("max-age=60")
                .metadata(Map.of("origin", "source")), TextBody.of("{\"a\":1}"));

        // when
        s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst").metadataDirective(MetadataDirective.REPLACE)
                .contentType("application/json").metadata(Map.of("origin", "copy", "schema", "v2")));

        // then: only the request's headers; the source's cache-control is not carried over
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("dst"));
        assertThat(head.contentType()).isEqualTo("application/json");
        assertThat(head.metadata()).isEqualTo(Map.of("origin", "copy", "schema", "v2"));
        assertThat(head.cacheControl()).isNull();
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("dst")).asUtf8String()).isEqualTo("{\"a\":1}");
        assertThat(s3.headObject(h -> h.bucket(bucket).key("src")).metadata())
                .as("the source is unchanged").isEqualTo(Map.of("origin", "source"));
    }

    @Test
    void copyToAnotherBucketReadsBackIdentical() {
        // given
        String source = newBucket("frombucket");
        String target = newBucket("tobucket");
        byte[] body = "crosses buckets".getBytes(StandardCharsets.UTF_8);
        s3.putObject(put -> put.bucket(source).key("k"), RequestBody.fromBytes(body));

        // when
        s3.copyObject(request -> request.sourceBucket(source).sourceKey("k")
                .destinationBucket(target).destinationKey("k"));

        // then
        assertThat(s3.getObjectAsBytes(get -> get.bucket(target).key("k")).asByteArray()).isEqualTo(body);
    }

    @Test
    void copyOfAMultipartObjectKeepsItsEtagAndBytes() throws IOException {
        // given: two parts, a full 5 MiB one and a short last one
        String bucket = newBucket("copympu");
        String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key("src")).uploadId();
        CompletedPart first = uploadPart(bucket, "src", uploadId, 1, 11, 5L * MIB);
        CompletedPart second = uploadPart(bucket, "src", uploadId, 2, 12, 1000);
        String sourceEtag = s3.completeMultipartUpload(complete -> complete.bucket(bucket).key("src")
                .uploadId(uploadId).multipartUpload(upload -> upload.parts(first, second))).eTag();
        String expectedSha256 = GeneratedBody.sha256Of(twoParts());

        // when
        CopyObjectResponse copy = s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst"));

        // then
        assertThat(sourceEtag).endsWith("-2\"");
        assertThat(copy.copyObjectResult().eTag()).isEqualTo(sourceEtag);
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("dst"));
        assertThat(head.eTag()).isEqualTo(sourceEtag);
        assertThat(head.contentLength()).isEqualTo(5L * MIB + 1000);
        assertThat(sha256Of(bucket, "dst")).isEqualTo(expectedSha256);
        try (ResponseInputStream<GetObjectResponse> tail = s3.getObject(get -> get.bucket(bucket).key("dst")
                .range("bytes=" + (5 * MIB - 10) + "-" + (5 * MIB + 9)))) {
            assertThat(tail.readAllBytes()).as("a range across the part boundary of the copy")
                    .isEqualTo(expectedSlice(5 * MIB - 10, 20));
        }
    }

    @Test
    void failingCopySourceIfMatchIsPreconditionFailed() {
        // given
        String bucket = seededBucket("srcifmatch");

        // when / then
        assertS3Error(() -> s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst")
                .copySourceIfMatch("\"00000000000000000000000000000000\"")), 412, "PreconditionFailed");
        assertKeyAbsent(s3, bucket, "dst");
    }

    @Test
    void failingCopySourceIfNoneMatchIsPreconditionFailed() {
        // given
        String bucket = seededBucket("srcifnone");
        String etag = s3.headObject(head -> head.bucket(bucket).key("src")).eTag();

        // when / then
        assertS3Error(() -> s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst").copySourceIfNoneMatch(etag)),
                412, "PreconditionFailed");
        assertKeyAbsent(s3, bucket, "dst");
    }

    @Test
    void failingCopySourceIfModifiedSinceIsPreconditionFailed() {
        // given: the source's own Last-Modified (second precision, as HTTP dates are): not modified since then
        String bucket = seededBucket("srcifmod");
        Instant lastModified = s3.headObject(head -> head.bucket(bucket).key("src")).lastModified();

        // when / then
        assertS3Error(() -> s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst").copySourceIfModifiedSince(lastModified)),
                412, "PreconditionFailed");
        assertKeyAbsent(s3, bucket, "dst");
    }

    @Test
    void failingCopySourceIfUnmodifiedSinceIsPreconditionFailed() {
        // given: a date an hour before the source was written
        String bucket = seededBucket("srcifunmod");
        Instant lastModified = s3.headObject(head -> head.bucket(bucket).key("src")).lastModified();

        // when / then
        assertS3Error(() -> s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst")
                .copySourceIfUnmodifiedSince(lastModified.minus(Duration.ofHours(1)))), 412, "PreconditionFailed");
        assertKeyAbsent(s3, bucket, "dst");
    }

    @Test
    void copySourceConditionsThatHoldAllowTheCopy() {
        // given
        String bucket = seededBucket("srcholds");
        HeadObjectResponse source = s3.headObject(head -> head.bucket(bucket).key("src"));

        // when
        s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst")
                .copySourceIfMatch(source.eTag())
                .copySourceIfNoneMatch("\"00000000000000000000000000000000\"")
                .copySourceIfModifiedSince(source.lastModified().minus(Duration.ofHours(1)))
                .copySourceIfUnmodifiedSince(source.lastModified().plus(Duration.ofHours(1))));

        // then
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("dst")).asUtf8String()).isEqualTo("source");
    }

    @Test
    void copyWithIfNoneMatchStarOntoAnExistingKeyIsPreconditionFailed() {
        // given
        String bucket = seededBucket("dstexists");
        s3.putObject(put -> put.bucket(bucket).key("dst"), TextBody.of("already here"));

        // when / then
        assertS3Error(() -> s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst").ifNoneMatch("*")), 412, "PreconditionFailed");
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("dst")).asUtf8String()).isEqualTo("already here");
    }

    @Test
    void copyOntoItselfWithoutReplaceIsInvalidRequest() {
        // given
        String bucket = seededBucket("self");

        // when / then
        assertS3Error(() -> s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("src")), 400, "InvalidRequest");
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("src")).asUtf8String()).isEqualTo("source");
    }

    @Test
    void copyOntoItselfWithReplaceChangesOnlyTheMetadata() {
        // given
        String bucket = seededBucket("selfreplace");
        String etag = s3.headObject(head -> head.bucket(bucket).key("src")).eTag();

        // when
        s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("src").metadataDirective(MetadataDirective.REPLACE)
                .contentType("text/plain").metadata(Map.of("reviewed", "true")));

        // then
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("src"));
        assertThat(head.metadata()).isEqualTo(Map.of("reviewed", "true"));
        assertThat(head.contentType()).isEqualTo("text/plain");
        assertThat(head.eTag()).isEqualTo(etag);
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("src")).asUtf8String()).isEqualTo("source");
    }

    @Test
    void copyOfAMissingSourceIsNoSuchKey() {
        // given
        String bucket = newBucket("nosrc");

        // when / then
        assertS3Error(() -> s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("absent")
                .destinationBucket(bucket).destinationKey("dst")), 404, "NoSuchKey");
        assertKeyAbsent(s3, bucket, "dst");
    }

    @Test
    void copyKeepsTheSourceTagsByDefaultAndReplaceTakesTheRequestTags() {
        // given
        String bucket = newBucket("copytags");
        s3.putObject(put -> put.bucket(bucket).key("src").tagging("team=core&tier=gold"), TextBody.of("tagged"));

        // when
        s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("kept"));
        s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("replaced").taggingDirective(TaggingDirective.REPLACE)
                .tagging("team=copy"));

        // then
        assertThat(s3.getObjectTagging(get -> get.bucket(bucket).key("kept")).tagSet())
                .containsExactlyInAnyOrder(tag("team", "core"), tag("tier", "gold"));
        assertThat(s3.getObjectTagging(get -> get.bucket(bucket).key("replaced")).tagSet())
                .containsExactly(tag("team", "copy"));
    }

    @Test
    void largeCopyIsByteIdenticalWithoutMovingBytes() throws IOException {
        // given: a 200 MiB source, generated on the fly
        String bucket = newBucket("largecopy");
        s3.putObject(put -> put.bucket(bucket).key("src"), RequestBody.fromContentProvider(
                () -> new GeneratedBody(99, LARGE_SIZE), LARGE_SIZE, "application/octet-stream"));

        // when
        long started = System.nanoTime();
        CopyObjectResponse copy = s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst"));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("CopyObject of %d MiB took %d ms%n", LARGE_SIZE / MIB, elapsedMs);

        // then: only correctness is asserted; the time is printed (a copy shares the source's blobs)
        assertThat(copy.copyObjectResult().eTag()).isEqualTo(s3.headObject(h -> h.bucket(bucket).key("src")).eTag());
        assertThat(s3.headObject(h -> h.bucket(bucket).key("dst")).contentLength()).isEqualTo(LARGE_SIZE);
        assertThat(sha256Of(bucket, "dst")).isEqualTo(GeneratedBody.sha256(99, LARGE_SIZE));
    }

    @Test
    void copyStaysReadableAfterItsSourceIsDeleted() {
        // given: a copy that shares the source's blob. This holds today because no compactor deletes blobs yet;
        // once one does (issue 5) it must check that no live version still references a blob before deleting it,
        // and this test guards that.
        String bucket = newBucket("delsrc");
        byte[] body = "outlives its source".getBytes(StandardCharsets.UTF_8);
        s3.putObject(put -> put.bucket(bucket).key("src"), RequestBody.fromBytes(body));
        s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst"));

        // when
        s3.deleteObject(delete -> delete.bucket(bucket).key("src"));

        // then
        assertKeyAbsent(s3, bucket, "src");
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("dst")).asByteArray()).isEqualTo(body);
        assertThat(s3.listObjectsV2(list -> list.bucket(bucket)).contents())
                .singleElement().satisfies(object -> assertThat(object.key()).isEqualTo("dst"));
    }

    private static CompletedPart uploadPart(String bucket, String key, String uploadId, int partNumber, long seed,
            long sizeBytes) {
        String etag = s3.uploadPart(upload -> upload.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                RequestBody.fromContentProvider(() -> new GeneratedBody(seed, sizeBytes), sizeBytes,
                        "application/octet-stream")).eTag();
        return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
    }

    private static String sha256Of(String bucket, String key) {
        try (ResponseInputStream<GetObjectResponse> get = s3.getObject(g -> g.bucket(bucket).key(key))) {
            return GeneratedBody.sha256Of(get);
        } catch (IOException e) {
            throw new AssertionError("reading " + bucket + "/" + key, e);
        }
    }

    /** The bytes of the two-part source: generated part 1 (seed 11, 5 MiB), then part 2 (seed 12, 1000 bytes). */
    private static InputStream twoParts() {
        return new SequenceInputStream(new GeneratedBody(11, 5L * MIB), new GeneratedBody(12, 1000));
    }

    private static byte[] expectedSlice(long first, int length) throws IOException {
        try (InputStream all = twoParts()) {
            all.skipNBytes(first);
            return all.readNBytes(length);
        }
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static String seededBucket(String prefix) {
        String bucket = newBucket(prefix);
        s3.putObject(put -> put.bucket(bucket).key("src"), TextBody.of("source"));
        return bucket;
    }

    private static String newBucket(String prefix) {
        String bucket = BlobpipeFixture.uniqueBucket("copy-" + prefix);
        s3.createBucket(create -> create.bucket(bucket));
        return bucket;
    }
}
