package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.schemas.ObjectEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The AWS SDK v2 with its defaults (aws-chunked bodies with a CRC32 trailer, response checksum validation) against
 * the real front door, SigV4 verifier and payload decoder; only storage behind them is faked. Checks that what we
 * sign-check, route and render is what the SDK sends and parses.
 */
class SdkClientTest {
    private static final String ACCESS_KEY = SdkFrontDoor.ACCESS_KEY;

    private final InMemoryBackend fakes = new InMemoryBackend();
    private SdkFrontDoor frontDoor;
    private S3Server server;
    private S3Client s3;

    @BeforeEach
    void start() throws IOException {
        frontDoor = SdkFrontDoor.start(fakes);
        server = frontDoor.server();
        s3 = frontDoor.client();
    }

    @AfterEach
    void stop() {
        frontDoor.close();
    }

    @Test
    void sdkCreatesPutsGetsListsAndDeletes() {
        s3.createBucket(b -> b.bucket("sdk-bucket"));
        String key = "dir//with space+plus/ä.txt";

        var put = s3.putObject(b -> b.bucket("sdk-bucket").key(key).contentType("text/plain")
                .metadata(Map.of("origin", "test")), RequestBody.fromString("hello sdk"));
        var get = s3.getObjectAsBytes(b -> b.bucket("sdk-bucket").key(key));
        var range = s3.getObjectAsBytes(b -> b.bucket("sdk-bucket").key(key).range("bytes=6-8"));
        var head = s3.headObject(b -> b.bucket("sdk-bucket").key(key));
        var list = s3.listObjectsV2(b -> b.bucket("sdk-bucket").prefix("dir/").delimiter("/")
                .encodingType(EncodingType.URL));
        var listAll = s3.listObjectsV2(b -> b.bucket("sdk-bucket"));

        assertThat(fakes.uploads.get(0).key()).isEqualTo(key);
        assertThat(put.eTag()).isEqualTo(get.response().eTag());
        assertThat(get.asString(StandardCharsets.UTF_8)).isEqualTo("hello sdk");
        assertThat(get.response().metadata()).containsEntry("origin", "test");
        assertThat(range.asString(StandardCharsets.UTF_8)).isEqualTo("sdk");
        assertThat(head.contentLength()).isEqualTo(9);
        assertThat(list.commonPrefixes()).singleElement().satisfies(p -> assertThat(p.prefix()).isEqualTo("dir//"));
        assertThat(listAll.contents()).extracting(S3Object::key).containsExactly(key);

        s3.deleteObject(b -> b.bucket("sdk-bucket").key(key));
        s3.deleteBucket(b -> b.bucket("sdk-bucket"));
        assertThat(s3.listBuckets().buckets()).isEmpty();
    }

    @Test
    void sdkMultipartUploadListsCompletesAndReadsByPart() {
        s3.createBucket(b -> b.bucket("mp-bucket"));
        byte[] first = new byte[5 << 20];
        new Random(1).nextBytes(first);
        byte[] second = "the short last part".getBytes(StandardCharsets.UTF_8);
        fakes.putObject("mp-bucket", "source", "0123456789".getBytes(StandardCharsets.UTF_8), Map.of());

        String uploadId = s3.createMultipartUpload(b -> b.bucket("mp-bucket").key("big").contentType("text/plain")
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        String etag1 = s3.uploadPart(b -> b.bucket("mp-bucket").key("big").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(first)).eTag();
        String etag2 = s3.uploadPart(b -> b.bucket("mp-bucket").key("big").uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(second)).eTag();
        var copied = s3.uploadPartCopy(b -> b.sourceBucket("mp-bucket").sourceKey("source").copySourceRange("bytes=2-4")
                .destinationBucket("mp-bucket").destinationKey("big").uploadId(uploadId).partNumber(3));
        var parts = s3.listParts(b -> b.bucket("mp-bucket").key("big").uploadId(uploadId).maxParts(2));
        var uploads = s3.listMultipartUploads(b -> b.bucket("mp-bucket"));
        var completed = s3.completeMultipartUpload(b -> b.bucket("mp-bucket").key("big").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                        CompletedPart.builder().partNumber(2).eTag(etag2).build())));
        var whole = s3.getObjectAsBytes(b -> b.bucket("mp-bucket").key("big"));
        var part2 = s3.getObjectAsBytes(b -> b.bucket("mp-bucket").key("big").partNumber(2));

        assertThat(copied.copyPartResult().eTag()).startsWith("\"");
        assertThat(parts.parts()).extracting(Part::partNumber).containsExactly(1, 2);
        assertThat(parts.isTruncated()).isTrue();
        assertThat(parts.nextPartNumberMarker()).isEqualTo(2);
        assertThat(uploads.uploads()).singleElement().satisfies(u -> assertThat(u.uploadId()).isEqualTo(uploadId));
        assertThat(completed.eTag()).endsWith("-2\"");
        assertThat(whole.response().eTag()).isEqualTo(completed.eTag());
        assertThat(whole.asByteArray()).hasSize(first.length + second.length);
        assertThat(whole.response().contentType()).isEqualTo("text/plain");
        assertThat(part2.asByteArray()).isEqualTo(second);
        assertThat(part2.response().partsCount()).isEqualTo(2);
        assertThatThrownBy(() -> s3.abortMultipartUpload(b -> b.bucket("mp-bucket").key("big").uploadId(uploadId)))
                .isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void repeatedCompletionWithTheSamePartsAnswersTheSameResult() {
        s3.createBucket(b -> b.bucket("retry-bucket"));
        String uploadId = createUpload("retry-bucket", "k");
        List<CompletedPart> parts = uploadTwoParts("retry-bucket", "k", uploadId);
        var first = s3.completeMultipartUpload(b -> b.bucket("retry-bucket").key("k").uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));

        // the SDK retrying after a lost response sends the very same request again
        var again = s3.completeMultipartUpload(b -> b.bucket("retry-bucket").key("k").uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));

        assertThat(again.eTag()).isEqualTo(first.eTag());
        assertThat(again.bucket()).isEqualTo("retry-bucket");
        assertThat(again.key()).isEqualTo("k");
        assertThat(again.checksumCRC32()).isEqualTo(first.checksumCRC32()).isNotNull();
        assertThat(fakes.events).filteredOn(event -> event instanceof ObjectEvent.MultipartCompleted).hasSize(1);
    }

    @Test
    void completionWithAnotherPartListAfterCompletionIsNoSuchUpload() {
        s3.createBucket(b -> b.bucket("retry-bucket"));
        String uploadId = createUpload("retry-bucket", "k");
        List<CompletedPart> parts = uploadTwoParts("retry-bucket", "k", uploadId);
        s3.completeMultipartUpload(b -> b.bucket("retry-bucket").key("k").uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));

        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket("retry-bucket").key("k")
                .uploadId(uploadId).multipartUpload(m -> m.parts(parts.get(0)))))
                .isInstanceOf(NoSuchUploadException.class);
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket("retry-bucket").key("other")
                .uploadId(uploadId).multipartUpload(m -> m.parts(parts))))
                .isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void repeatedCompletionAfterTheObjectWasOverwrittenIsNoSuchUpload() {
        s3.createBucket(b -> b.bucket("retry-bucket"));
        String uploadId = createUpload("retry-bucket", "k");
        List<CompletedPart> parts = uploadTwoParts("retry-bucket", "k", uploadId);
        s3.completeMultipartUpload(b -> b.bucket("retry-bucket").key("k").uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
        s3.putObject(b -> b.bucket("retry-bucket").key("k"), RequestBody.fromString("newer"));

        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket("retry-bucket").key("k")
                .uploadId(uploadId).multipartUpload(m -> m.parts(parts))))
                .isInstanceOf(NoSuchUploadException.class);
    }

    private String createUpload(String bucket, String key) {
        return s3.createMultipartUpload(b -> b.bucket(bucket).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32))
                .uploadId();
    }

    /** Parts 1 (5 MiB) and 2 (a few bytes), as the completion lists them. */
    private List<CompletedPart> uploadTwoParts(String bucket, String key, String uploadId) {
        byte[] first = new byte[5 << 20];
        new Random(2).nextBytes(first);
        List<CompletedPart> parts = new ArrayList<>();
        for (byte[] body : List.of(first, "the last part".getBytes(StandardCharsets.UTF_8))) {
            int partNumber = parts.size() + 1;
            var uploaded = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                    RequestBody.fromBytes(body));
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(uploaded.eTag())
                    .checksumCRC32(uploaded.checksumCRC32()).build());
        }
        return parts;
    }

    @Test
    void sdkSeesS3ErrorCodes() {
        s3.createBucket(b -> b.bucket("errors"));

        assertThatThrownBy(() -> s3.getObject(b -> b.bucket("errors").key("missing")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.getBucketTagging(b -> b.bucket("errors")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented"));
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        try (S3Client wrong = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, "nope")))
                .build()) {
            assertThatThrownBy(wrong::listBuckets).isInstanceOfSatisfying(S3Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            });
        }
    }
}
