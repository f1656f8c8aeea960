package dev.blobpipe.cli;

import static dev.blobpipe.cli.testing.S3Errors.assertS3Error;
import static dev.blobpipe.cli.testing.S3Errors.s3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.RawResponse;
import dev.blobpipe.cli.testing.SignedHttp;
import dev.blobpipe.cli.testing.TextBody;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Bucket calls through the AWS SDK v2 with its defaults, against a running blobpipe dev system. */
class BucketOperationsTest {
    private static BlobpipeFixture fixture;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        fixture = BlobpipeFixture.shared();
        s3 = fixture.client();
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @Test
    void createdBucketAnswersHeadBucket() {
        // given
        String bucket = BlobpipeFixture.uniqueBucket("head");

        // when
        int status = s3.createBucket(create -> create.bucket(bucket)).sdkHttpResponse().statusCode();

        // then
        assertThat(status).isEqualTo(200);
        assertThat(s3.headBucket(head -> head.bucket(bucket)).sdkHttpResponse().statusCode()).isEqualTo(200);
    }

    @Test
    void listBucketsShowsCreatedBucketWithItsCreationDate() {
        // given
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String bucket = BlobpipeFixture.uniqueBucket("list");
        s3.createBucket(create -> create.bucket(bucket));

        // when
        var buckets = s3.listBuckets().buckets();

        // then
        assertThat(buckets).extracting(Bucket::name).contains(bucket);
        Bucket listed = buckets.stream().filter(b -> b.name().equals(bucket)).findFirst().orElseThrow();
        assertThat(listed.creationDate()).isBetween(before.minusSeconds(2), Instant.now().plusSeconds(2));
    }

    @Test
    void bucketWithoutConstraintReportsTheDefaultLocation() {
        // given
        String bucket = BlobpipeFixture.uniqueBucket("loc");
        s3.createBucket(create -> create.bucket(bucket));

        // when
        String location = s3.getBucketLocation(get -> get.bucket(bucket)).locationConstraintAsString();

        // then: S3 answers an empty LocationConstraint for us-east-1; "us-east-1" is accepted too
        assertThat(location).isIn(null, "", "us-east-1");
    }

    @Test
    void locationConstraintIsAcceptedAndReturned() {
        // given
        String bucket = BlobpipeFixture.uniqueBucket("euloc");

        // when
        s3.createBucket(create -> create.bucket(bucket).createBucketConfiguration(
                config -> config.locationConstraint(BucketLocationConstraint.EU_WEST_1)));

        // then
        assertThat(s3.getBucketLocation(get -> get.bucket(bucket)).locationConstraintAsString())
                .isEqualTo("eu-west-1");
    }

    @Test
    void bucketVersioningIsUnversioned() {
        // given
        String bucket = BlobpipeFixture.uniqueBucket("vers");
        s3.createBucket(create -> create.bucket(bucket));

        // when
        var versioning = s3.getBucketVersioning(get -> get.bucket(bucket));

        // then: a bucket that never had versioning has no Status element
        assertThat(versioning.sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(versioning.statusAsString()).isNull();
        assertThat(versioning.mfaDeleteAsString()).isNull();
    }

    @Test
    void recreatedBucketStartsEmpty() {
        // given: a bucket that held an object, was emptied and deleted
        String bucket = BlobpipeFixture.uniqueBucket("again");
        s3.createBucket(create -> create.bucket(bucket));
        s3.putObject(put -> put.bucket(bucket).key("old"), TextBody.of("old"));
        s3.deleteObject(delete -> delete.bucket(bucket).key("old"));
        s3.deleteBucket(delete -> delete.bucket(bucket));

        // when
        s3.createBucket(create -> create.bucket(bucket));

        // then
        assertThat(s3.listObjectsV2(list -> list.bucket(bucket)).contents()).isEmpty();
        assertS3Error(() -> s3.getObjectAsBytes(get -> get.bucket(bucket).key("old")), 404, "NoSuchKey");
        s3.putObject(put -> put.bucket(bucket).key("new"), TextBody.of("new"));
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("new")).asUtf8String()).isEqualTo("new");
    }

    @Test
    void listBucketsIsSortedByName() {
        // given
        String second = BlobpipeFixture.uniqueBucket("zz-sorted");
        String first = BlobpipeFixture.uniqueBucket("aa-sorted");
        s3.createBucket(create -> create.bucket(second));
        s3.createBucket(create -> create.bucket(first));

        // when
        var names = s3.listBuckets().buckets().stream().map(Bucket::name).toList();

        // then
        assertThat(names).contains(first, second).isSorted();
    }

    @Test
    void bucketAclGrantsOwnerFullControl() {
        // given
        String bucket = BlobpipeFixture.uniqueBucket("acl");
        s3.createBucket(create -> create.bucket(bucket));

        // when
        var acl = s3.getBucketAcl(get -> get.bucket(bucket));

        // then
        assertThat(acl.owner()).isNotNull();
        assertThat(acl.owner().id()).isNotBlank();
        assertThat(acl.grants()).hasSize(1);
        Grant grant = acl.grants().get(0);
        assertThat(grant.permission()).isEqualTo(Permission.FULL_CONTROL);
        assertThat(grant.grantee().id()).isEqualTo(acl.owner().id());
    }

    @Test
    void deletedBucketIsGone() {
        // given
        String bucket = BlobpipeFixture.uniqueBucket("del");
        s3.createBucket(create -> create.bucket(bucket));

        // when
        int status = s3.deleteBucket(delete -> delete.bucket(bucket)).sdkHttpResponse().statusCode();

        // then
        assertThat(status).isEqualTo(204);
        S3Exception head = s3Error(() -> s3.headBucket(h -> h.bucket(bucket)));
        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain(bucket);
    }

    @Test
    void creatingOwnBucketTwiceIsBucketAlreadyOwnedByYou() {
        // given
        String bucket = BlobpipeFixture.uniqueBucket("twice");
        s3.createBucket(create -> create.bucket(bucket));

        // when / then
        assertS3Error(() -> s3.createBucket(create -> create.bucket(bucket)), 409, "BucketAlreadyOwnedByYou");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Abc", "a..b", "192.168.1.1", "-abc", "abc-", "a_b",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void invalidBucketNameIsRefused(String name) {
        // given: names that break S3's rules (length 3-63, lower case, no "..", not an IP, letter or digit at ends);
        // sent raw, because the SDK refuses them before sending
        SignedHttp http = fixture.signedHttp();

        // when
        RawResponse response = http.send(http.sign(http.request(SdkHttpMethod.PUT, "/" + name), new byte[0]));

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.errorCode()).as("%s", response).isEqualTo("InvalidBucketName");
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain(name);
    }

    @Test
    void nonEmptyBucketCannotBeDeleted() {
        // given
        String bucket = BlobpipeFixture.uniqueBucket("full");
        s3.createBucket(create -> create.bucket(bucket));
        s3.putObject(put -> put.bucket(bucket).key("keep"), TextBody.of("x"));

        // when / then
        assertS3Error(() -> s3.deleteBucket(delete -> delete.bucket(bucket)), 409, "BucketNotEmpty");
        assertThat(s3.headBucket(head -> head.bucket(bucket)).sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("keep")).asUtf8String()).isEqualTo("x");
    }

    @Test
    void bucketEmptiedByDeletesCanBeDeleted() {
        // given
        String bucket = BlobpipeFixture.uniqueBucket("emptied");
        s3.createBucket(create -> create.bucket(bucket));
        s3.putObject(put -> put.bucket(bucket).key("gone"), TextBody.of("x"));
        s3.deleteObject(delete -> delete.bucket(bucket).key("gone"));

        // when
        int status = s3.deleteBucket(delete -> delete.bucket(bucket)).sdkHttpResponse().statusCode();

        // then
        assertThat(status).isEqualTo(204);
    }

    @Test
    void operationsOnMissingBucketAreNoSuchBucket() {
        // given
        String bucket = BlobpipeFixture.uniqueBucket("missing");

        // when / then
        assertS3Error(() -> s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")), 404, "NoSuchBucket");
        assertS3Error(() -> s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("x")),
                404, "NoSuchBucket");
        assertS3Error(() -> s3.listObjectsV2(list -> list.bucket(bucket)), 404, "NoSuchBucket");
        assertS3Error(() -> s3.listObjects(list -> list.bucket(bucket)), 404, "NoSuchBucket");
        assertS3Error(() -> s3.deleteBucket(delete -> delete.bucket(bucket)), 404, "NoSuchBucket");
        assertS3Error(() -> s3.deleteObject(delete -> delete.bucket(bucket).key("k")), 404, "NoSuchBucket");
        assertS3Error(() -> s3.getBucketLocation(get -> get.bucket(bucket)), 404, "NoSuchBucket");
        assertThat(s3Error(() -> s3.headBucket(head -> head.bucket(bucket))).statusCode()).isEqualTo(404);
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain(bucket);
    }

    @Test
    void virtualHostStyleClientPutsGetsAndLists() {
        // given
        String bucket = BlobpipeFixture.uniqueBucket("vhost");
        s3.createBucket(create -> create.bucket(bucket));
        byte[] body = "virtual host body".getBytes(StandardCharsets.UTF_8);

        // when
        try (S3Client virtualHost = fixture.virtualHostClient()) {
            virtualHost.putObject(put -> put.bucket(bucket).key("dir/a b.txt"), RequestBody.fromBytes(body));
            byte[] read = virtualHost.getObjectAsBytes(get -> get.bucket(bucket).key("dir/a b.txt")).asByteArray();
            var listed = virtualHost.listObjectsV2(list -> list.bucket(bucket)).contents();

            // then
            assertThat(read).isEqualTo(body);
            assertThat(listed).extracting(S3Object::key).containsExactly("dir/a b.txt");
            assertThat(listed.get(0).size()).isEqualTo(body.length);
        }
        // and the path-style client sees the same object
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("dir/a b.txt")).asByteArray()).isEqualTo(body);
    }

    @Test
    void creationDateDoesNotChangeBetweenListings() {
        // given
        String bucket = BlobpipeFixture.uniqueBucket("stable");
        s3.createBucket(create -> create.bucket(bucket));
        Instant first = creationDate(bucket);

        // when
        Instant second = creationDate(bucket);

        // then
        assertThat(second).isEqualTo(first);
    }

    private static Instant creationDate(String bucket) {
        return s3.listBuckets().buckets().stream().filter(b -> b.name().equals(bucket)).findFirst()
                .orElseThrow(() -> new AssertionError("bucket not listed: " + bucket)).creationDate();
    }
}
