package dev.blobpipe.cli;

import static dev.blobpipe.cli.testing.S3Errors.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.Checksums;
import dev.blobpipe.cli.testing.TextBody;
import dev.blobpipe.embedded.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The durable-only acknowledgement ({@code x-blobpipe-ack: durable}, DESIGN.md step 5) through the AWS SDK v2 against
 * {@code blobpipe dev}: a PUT answers once Kafka holds it and the object becomes readable after; the response says
 * which acknowledgement was given. (That it does not wait for the indexer: {@link ServeCommandTest}.)
 */
class DurableAckTest {
    private static final String ACK = "x-blobpipe-ack";
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);
    private static final S3Client s3 = BlobpipeFixture.shared().sharedClient();

    @Test
    void durablePutAnswersDurableAndTheObjectBecomesReadable() {
        String bucket = newBucket("readable");

        PutObjectResponse response = s3.putObject(put -> asking(put.bucket(bucket).key("app.log"), "durable"),
                TextBody.of("line one\n"));

        assertThat(ackOf(response)).isEqualTo("durable");
        assertThat(response.eTag()).isEqualTo(Checksums.etag("line one\n".getBytes(StandardCharsets.UTF_8)));
        String body = Await.value(VISIBLE_WITHIN, "durable PUT readable", () -> s3.getObjectAsBytes(
                get -> get.bucket(bucket).key("app.log")).asString(StandardCharsets.UTF_8));
        assertThat(body).isEqualTo("line one\n");
    }

    @Test
    void putWithoutTheHeaderAnswersVisibleAndIsReadableAtOnce() {
        String bucket = newBucket("visible");

        PutObjectResponse response = s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("now"));

        assertThat(ackOf(response)).isEqualTo("visible");
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).asString(StandardCharsets.UTF_8))
                .isEqualTo("now");
    }

    @Test
    void aBucketListedInTheSettingAnswersDurableUnlessTheRequestAsksVisible() {
        String bucket = BlobpipeFixture.DURABLE_ACK_BUCKET;
        s3.createBucket(create -> create.bucket(bucket));

        PutObjectResponse byDefault = s3.putObject(put -> put.bucket(bucket).key("default"), TextBody.of("a"));
        PutObjectResponse overridden = s3.putObject(put -> asking(put.bucket(bucket).key("asked"), "visible"),
                TextBody.of("b"));

        assertThat(ackOf(byDefault)).isEqualTo("durable");
        assertThat(ackOf(overridden)).isEqualTo("visible");
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("asked")).asString(StandardCharsets.UTF_8))
                .isEqualTo("b");
    }

    @Test
    void anUnknownAckValueIsInvalidArgumentAndStoresNothing() {
        String bucket = newBucket("unknown");

        assertS3Error(() -> s3.putObject(put -> asking(put.bucket(bucket).key("k"), "eventually"), TextBody.of("x")),
                400, "InvalidArgument");

        assertThat(s3.listObjectsV2(list -> list.bucket(bucket)).keyCount()).isZero();
    }

    @Test
    void aConditionalPutAskingDurableStillWaitsForTheIndexersDecision() {
        String bucket = newBucket("conditional");
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("first"));

        assertS3Error(() -> s3.putObject(put -> asking(put.bucket(bucket).key("k").ifNoneMatch("*"), "durable"),
                TextBody.of("second")), 412, "PreconditionFailed");
        PutObjectResponse created = s3.putObject(put -> asking(put.bucket(bucket).key("new").ifNoneMatch("*"),
                "durable"), TextBody.of("third"));

        assertThat(ackOf(created)).isEqualTo("visible");
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).asString(StandardCharsets.UTF_8))
                .isEqualTo("first");
    }

    private static PutObjectRequest.Builder asking(PutObjectRequest.Builder put, String ack) {
        return put.overrideConfiguration(override -> override.putHeader(ACK, ack));
    }

    private static String ackOf(PutObjectResponse response) {
        return response.sdkHttpResponse().firstMatchingHeader(ACK).orElse(null);
    }

    private static String newBucket(String prefix) {
        String bucket = BlobpipeFixture.uniqueBucket("ack-" + prefix);
        s3.createBucket(create -> create.bucket(bucket));
        return bucket;
    }
}
