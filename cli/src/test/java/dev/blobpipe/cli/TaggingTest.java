package dev.blobpipe.cli;

import static dev.blobpipe.cli.testing.S3Errors.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.TextBody;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * Object tagging through the AWS SDK v2 with its defaults: x-amz-tagging on upload, Put/Get/DeleteObjectTagging,
 * the tag count on HEAD and GET, overwrite semantics and the limits (10 tags, 128-character keys).
 */
class TaggingTest {
    private static final S3Client s3 = BlobpipeFixture.shared().sharedClient();

    @Test
    void tagsGivenAtUploadAreReturned() {
        // given: a value that needs URL-encoding in the x-amz-tagging header
        String bucket = newBucket("upload");

        // when
        s3.putObject(put -> put.bucket(bucket).key("k").tagging(tagging(tag("project", "blue"),
                tag("owner", "ann lee & co=1"))), TextBody.of("tagged"));

        // then
        assertThat(s3.getObjectTagging(get -> get.bucket(bucket).key("k")).tagSet())
                .containsExactlyInAnyOrder(tag("project", "blue"), tag("owner", "ann lee & co=1"));
    }

    @Test
    void headAndGetReportTheTagCount() {
        // given
        String bucket = newBucket("count");
        s3.putObject(put -> put.bucket(bucket).key("k").tagging("a=1&b=2&c=3"), TextBody.of("tagged"));

        // when
        Integer headCount = s3.headObject(head -> head.bucket(bucket).key("k")).tagCount();
        Integer getCount = s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).response().tagCount();

        // then
        assertThat(headCount).isEqualTo(3);
        assertThat(getCount).isEqualTo(3);
    }

    @Test
    void untaggedObjectHasNoTagsAndNoTagCount() {
        // given
        String bucket = newBucket("untagged");
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("plain"));

        // when / then
        assertThat(s3.getObjectTagging(get -> get.bucket(bucket).key("k")).tagSet()).isEmpty();
        assertThat(s3.headObject(head -> head.bucket(bucket).key("k")).tagCount()).isNull();
    }

    @Test
    void putObjectTaggingReplacesTheTags() {
        // given
        String bucket = newBucket("replace");
        s3.putObject(put -> put.bucket(bucket).key("k").tagging("old=1&kept=no"), TextBody.of("tagged"));

        // when
        s3.putObjectTagging(put -> put.bucket(bucket).key("k").tagging(tagging(tag("new", "2"))));

        // then
        assertThat(s3.getObjectTagging(get -> get.bucket(bucket).key("k")).tagSet()).containsExactly(tag("new", "2"));
        assertThat(s3.headObject(head -> head.bucket(bucket).key("k")).tagCount()).isEqualTo(1);
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).asUtf8String())
                .as("tagging leaves the bytes alone").isEqualTo("tagged");
    }

    @Test
    void deleteObjectTaggingEmptiesTheTags() {
        // given
        String bucket = newBucket("delete");
        s3.putObject(put -> put.bucket(bucket).key("k").tagging("a=1&b=2"), TextBody.of("tagged"));

        // when
        int status = s3.deleteObjectTagging(delete -> delete.bucket(bucket).key("k")).sdkHttpResponse().statusCode();

        // then
        assertThat(status).isEqualTo(204);
        assertThat(s3.getObjectTagging(get -> get.bucket(bucket).key("k")).tagSet()).isEmpty();
        assertThat(s3.headObject(head -> head.bucket(bucket).key("k")).tagCount()).isNull();
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).asUtf8String()).isEqualTo("tagged");
    }

    @Test
    void overwriteResetsTheTagsToTheNewUploads() {
        // given: tags set after the first upload
        String bucket = newBucket("overwrite");
        s3.putObject(put -> put.bucket(bucket).key("k").tagging("first=1"), TextBody.of("first"));
        s3.putObjectTagging(put -> put.bucket(bucket).key("k").tagging(tagging(tag("set", "later"))));

        // when
        s3.putObject(put -> put.bucket(bucket).key("k").tagging("second=2"), TextBody.of("second"));

        // then
        assertThat(s3.getObjectTagging(get -> get.bucket(bucket).key("k")).tagSet())
                .containsExactly(tag("second", "2"));
    }

    @Test
    void overwriteWithoutTagsLeavesNone() {
        // given
        String bucket = newBucket("overwrite-none");
        s3.putObject(put -> put.bucket(bucket).key("k").tagging("first=1"), TextBody.of("first"));

        // when
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("second"));

        // then
        assertThat(s3.getObjectTagging(get -> get.bucket(bucket).key("k")).tagSet()).isEmpty();
    }

    @Test
    void tagsGivenAtCreateMultipartUploadAreOnTheCompletedObject() {
        // given
        String bucket = newBucket("mpu");
        String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key("k").tagging("kind=backup"))
                .uploadId();
        String etag = s3.uploadPart(part -> part.bucket(bucket).key("k").uploadId(uploadId).partNumber(1),
                TextBody.of("part")).eTag();

        // when
        s3.completeMultipartUpload(complete -> complete.bucket(bucket).key("k").uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));

        // then
        assertThat(s3.getObjectTagging(get -> get.bucket(bucket).key("k")).tagSet())
                .containsExactly(tag("kind", "backup"));
    }

    @Test
    void elevenTagsOnPutObjectAreInvalidTag() {
        // given
        String bucket = newBucket("eleven-put");
        Tagging eleven = tagging(IntStream.rangeClosed(1, 11).mapToObj(i -> tag("k" + i, "v")).toArray(Tag[]::new));

        // when / then
        assertS3Error(() -> s3.putObject(put -> put.bucket(bucket).key("k").tagging(eleven), TextBody.of("x")),
                400, "InvalidTag");
        assertThat(s3.listObjectsV2(list -> list.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void elevenTagsOnPutObjectTaggingAreInvalidTag() {
        // given
        String bucket = newBucket("eleven-set");
        s3.putObject(put -> put.bucket(bucket).key("k").tagging("a=1"), TextBody.of("x"));
        Tagging eleven = tagging(IntStream.rangeClosed(1, 11).mapToObj(i -> tag("k" + i, "v")).toArray(Tag[]::new));

        // when / then
        assertS3Error(() -> s3.putObjectTagging(put -> put.bucket(bucket).key("k").tagging(eleven)),
                400, "InvalidTag");
        assertThat(s3.getObjectTagging(get -> get.bucket(bucket).key("k")).tagSet()).containsExactly(tag("a", "1"));
    }

    @Test
    void tenTagsAreAccepted() {
        // given
        String bucket = newBucket("ten");
        List<Tag> ten = IntStream.rangeClosed(1, 10).mapToObj(i -> tag("k" + i, "v" + i)).toList();

        // when
        s3.putObject(put -> put.bucket(bucket).key("k").tagging(tagging(ten.toArray(Tag[]::new))), TextBody.of("x"));

        // then
        assertThat(s3.getObjectTagging(get -> get.bucket(bucket).key("k")).tagSet())
                .containsExactlyInAnyOrderElementsOf(ten);
    }

    @Test
    void tagKeyOver128CharactersIsInvalidTag() {
        // given
        String bucket = newBucket("longkey");
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("x"));

        // when / then
        assertS3Error(() -> s3.putObjectTagging(put -> put.bucket(bucket).key("k")
                .tagging(tagging(tag("t".repeat(129), "v")))), 400, "InvalidTag");
    }

    @Test
    void taggingAMissingKeyIsNoSuchKey() {
        // given
        String bucket = newBucket("missing");

        // when / then
        assertS3Error(() -> s3.putObjectTagging(put -> put.bucket(bucket).key("absent")
                .tagging(tagging(tag("a", "1")))), 404, "NoSuchKey");
        assertS3Error(() -> s3.getObjectTagging(get -> get.bucket(bucket).key("absent")), 404, "NoSuchKey");
    }

    private static Tagging tagging(Tag... tags) {
        return Tagging.builder().tagSet(tags).build();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static String newBucket(String prefix) {
        String bucket = BlobpipeFixture.uniqueBucket("tag-" + prefix);
        s3.createBucket(create -> create.bucket(bucket));
        return bucket;
    }
}
