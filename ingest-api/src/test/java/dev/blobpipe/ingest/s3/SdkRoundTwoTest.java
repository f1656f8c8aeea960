package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The AWS SDK v2 with its defaults against the round-two operations (CopyObject, DeleteObjects, conditional PUT,
 * bucket CORS, object tagging): real front door, verifier and decoder, storage faked.
 */
class SdkRoundTwoTest {

    private final InMemoryBackend fakes = new InMemoryBackend();
    private SdkFrontDoor frontDoor;
    private S3Client s3;

    @BeforeEach
    void start() throws IOException {
        frontDoor = SdkFrontDoor.start(fakes);
        s3 = frontDoor.client();
        fakes.createBucket("bkt");
    }

    @AfterEach
    void stop() {
        frontDoor.close();
    }

    @Test
    void sdkCopiesWithBothDirectivesAndHonoursCopySourceConditionals() {
        var put = s3.putObject(b -> b.bucket("bkt").key("src").contentType("text/plain").metadata(Map.of("a", "1")),
                RequestBody.fromString("copy me"));

        var copied = s3.copyObject(b -> b.sourceBucket("bkt").sourceKey("src").destinationBucket("bkt")
                .destinationKey("copy"));
        var replaced = s3.copyObject(b -> b.sourceBucket("bkt").sourceKey("src").destinationBucket("bkt")
                .destinationKey("replaced").metadataDirective(MetadataDirective.REPLACE).contentType("image/png")
                .metadata(Map.of("b", "2")));
        var copyHead = s3.headObject(b -> b.bucket("bkt").key("copy"));
        var replacedHead = s3.headObject(b -> b.bucket("bkt").key("replaced"));
        var body = s3.getObjectAsBytes(b -> b.bucket("bkt").key("replaced"));

        assertThat(copied.copyObjectResult().eTag()).isEqualTo(put.eTag());
        assertThat(replaced.copyObjectResult().lastModified()).isNotNull();
        assertThat(copyHead.metadata()).isEqualTo(Map.of("a", "1"));
        assertThat(copyHead.contentType()).isEqualTo("text/plain");
        assertThat(replacedHead.metadata()).isEqualTo(Map.of("b", "2"));
        assertThat(replacedHead.contentType()).isEqualTo("image/png");
        assertThat(body.asString(StandardCharsets.UTF_8)).isEqualTo("copy me");
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket("bkt").sourceKey("src").destinationBucket("bkt")
                .destinationKey("x").copySourceIfNoneMatch(put.eTag())))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket("bkt").sourceKey("src").destinationBucket("bkt")
                .destinationKey("x").copySourceIfUnmodifiedSince(Instant.parse("2000-01-01T00:00:00Z"))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
    }

    @Test
    void sdkDeletesAThousandKeysInOneCall() {
        List<ObjectIdentifier> keys = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            fakes.putObject("bkt", "many/" + i, new byte[] {1}, Map.of());
            keys.add(ObjectIdentifier.builder().key("many/" + i).build());
        }

        var result = s3.deleteObjects(b -> b.bucket("bkt").delete(d -> d.objects(keys)));
        var quiet = s3.deleteObjects(b -> b.bucket("bkt").delete(d -> d.objects(keys.subList(0, 3)).quiet(true)));

        assertThat(result.deleted()).hasSize(1000).extracting(DeletedObject::key).contains("many/0", "many/999");
        assertThat(result.errors()).isEmpty();
        assertThat(quiet.deleted()).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket("bkt")).contents()).isEmpty();
    }

    @Test
    void sdkIfNoneMatchPutCreatesOnce() {
        s3.putObject(b -> b.bucket("bkt").key("once").ifNoneMatch("*"), RequestBody.fromString("first"));

        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("bkt").key("once").ifNoneMatch("*"),
                RequestBody.fromString("second")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
        assertThat(s3.getObjectAsBytes(b -> b.bucket("bkt").key("once")).asUtf8String()).isEqualTo("first");
    }

    @Test
    void sdkSetsReadsAndDeletesBucketCors() {
        CORSRule rule = CORSRule.builder().id("web").allowedOrigins("https://*.example.com")
                .allowedMethods("GET", "PUT").allowedHeaders("*").exposeHeaders("ETag").maxAgeSeconds(60).build();

        s3.putBucketCors(b -> b.bucket("bkt").corsConfiguration(c -> c.corsRules(rule)));
        var read = s3.getBucketCors(b -> b.bucket("bkt"));
        s3.deleteBucketCors(b -> b.bucket("bkt"));

        assertThat(read.corsRules()).containsExactly(rule);
        assertThatThrownBy(() -> s3.getBucketCors(b -> b.bucket("bkt")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchCORSConfiguration");
                });
    }

    @Test
    void sdkTaggingRoundTrip() {
        s3.putObject(b -> b.bucket("bkt").key("t").tagging("team=blue&tier=hot stuff"), RequestBody.fromString("x"));

        var initial = s3.getObjectTagging(b -> b.bucket("bkt").key("t"));
        var counted = s3.getObject(b -> b.bucket("bkt").key("t"), (response, in) -> response.tagCount());
        s3.putObjectTagging(b -> b.bucket("bkt").key("t").tagging(t -> t.tagSet(
                Tag.builder().key("only").value("one").build())));
        var replaced = s3.getObjectTagging(b -> b.bucket("bkt").key("t"));
        s3.deleteObjectTagging(b -> b.bucket("bkt").key("t"));
        var emptied = s3.getObjectTagging(b -> b.bucket("bkt").key("t"));

        assertThat(initial.tagSet()).containsExactlyInAnyOrder(Tag.builder().key("team").value("blue").build(),
                Tag.builder().key("tier").value("hot stuff").build());
        assertThat(counted).isEqualTo(2);
        assertThat(replaced.tagSet()).containsExactly(Tag.builder().key("only").value("one").build());
        assertThat(emptied.tagSet()).isEmpty();
        assertThatThrownBy(() -> s3.putObjectTagging(b -> b.bucket("bkt").key("t").tagging(t -> t.tagSet(
                Tag.builder().key("k".repeat(129)).value("v").build()))))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidTag"));
    }
}
