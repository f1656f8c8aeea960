package dev.blobpipe.cli;

import static dev.blobpipe.cli.testing.S3Errors.assertKeyAbsent;
import static dev.blobpipe.cli.testing.S3Errors.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.Checksums;
import dev.blobpipe.cli.testing.GeneratedBody;
import dev.blobpipe.cli.testing.TextBody;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;

/**
 * Multipart upload end to end through the AWS SDK v2 with its defaults (aws-chunked part bodies with a CRC32
 * trailer): parts generated on the fly, completion, reads of the whole object, of ranges across part boundaries and
 * of single parts, every S3 error of the API, abort, part replacement, both listings across pages and UploadPartCopy.
 */
class MultipartUploadTest {
    private static final int MIB = 1 << 20;
    /** The smallest size S3 accepts for a part that is not the last. */
    private static final int PART = 5 * MIB;
    /** The shared object's parts: two full 5 MiB parts and a short last one. */
    private static final List<GeneratedPart> THREE_PARTS = List.of(
            new GeneratedPart(41, PART), new GeneratedPart(42, PART), new GeneratedPart(43, MIB));
    private static final long THREE_PARTS_SIZE = 11L * MIB;

    private static final S3Client s3 = BlobpipeFixture.shared().sharedClient();
    private static CompletedObject threeParts;

    @Test
    void threePartObjectReadsBackWithTheSha256OfThePartsConcatenated() throws IOException {
        // given
        CompletedObject object = threePartObject();
        String expected = Checksums.sha256Hex(concatenation(THREE_PARTS));

        // when
        String actual;
        long length;
        try (ResponseInputStream<GetObjectResponse> get = s3.getObject(g -> g.bucket(object.bucket())
                .key(object.key()))) {
            length = get.response().contentLength();
            actual = Checksums.sha256Hex(get);
        }

        // then
        assertThat(length).isEqualTo(THREE_PARTS_SIZE);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void completedObjectHasTheS3MultipartEtag() {
        // given: the hex MD5 of the three binary part MD5s, then "-3"
        String expected = multipartEtag(THREE_PARTS);

        // when
        CompletedObject object = threePartObject();

        // then
        assertThat(object.completion().eTag()).as("CompleteMultipartUploadResult ETag").isEqualTo(expected);
        assertThat(object.completion().bucket()).isEqualTo(object.bucket());
        assertThat(object.completion().key()).isEqualTo(object.key());
        assertThat(s3.headObject(head -> head.bucket(object.bucket()).key(object.key())).eTag())
                .as("HEAD ETag").isEqualTo(expected);
        assertThat(s3.listObjectsV2(list -> list.bucket(object.bucket())).contents())
                .extracting(S3Object::key, S3Object::eTag)
                .containsExactly(tuple(object.key(), expected));
    }

    @Test
    void headAndListingReportTheSumOfThePartSizes() {
        // given
        CompletedObject object = threePartObject();

        // when
        HeadObjectResponse head = s3.headObject(h -> h.bucket(object.bucket()).key(object.key()));

        // then
        assertThat(head.contentLength()).isEqualTo(THREE_PARTS_SIZE);
        assertThat(s3.listObjectsV2(list -> list.bucket(object.bucket())).contents())
                .extracting(S3Object::key, S3Object::size)
                .containsExactly(tuple(object.key(), THREE_PARTS_SIZE));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "bytes=0-99",                // the start
        "bytes=-100",                // the end, as a suffix
        "bytes=11534000-",           // the end, open-ended, inside the short last part
        "bytes=5242870-5242890",     // across the boundary of parts 1 and 2
        "bytes=10485750-10485770",   // across the boundary of parts 2 and 3
        "bytes=5242000-10486000"})   // from part 1 over the whole of part 2 into part 3
    void rangeOfMultipartObjectReturnsExactBytes(String range) throws IOException {
        // given
        CompletedObject object = threePartObject();
        long[] expected = expectedRange(range, THREE_PARTS_SIZE);
        long length = expected[1] - expected[0] + 1;

        // when
        try (ResponseInputStream<GetObjectResponse> get = s3.getObject(g -> g.bucket(object.bucket())
                .key(object.key()).range(range))) {
            GetObjectResponse response = get.response();

            // then
            assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(206);
            assertThat(response.contentRange())
                    .isEqualTo("bytes " + expected[0] + "-" + expected[1] + "/" + THREE_PARTS_SIZE);
            assertThat(response.contentLength()).isEqualTo(length);
            if (length <= MIB) {
                assertThat(get.readAllBytes()).isEqualTo(expectedSlice(THREE_PARTS, expected[0], (int) length));
            } else {
                assertThat(Checksums.sha256Hex(get)).isEqualTo(sha256OfSlice(THREE_PARTS, expected[0], length));
            }
        }
    }

    @Test
    void getWithPartNumberReturnsThatPartAndThePartsCount() throws IOException {
        // given
        CompletedObject object = threePartObject();

        // when
        GetObjectResponse response;
        String actual;
        try (ResponseInputStream<GetObjectResponse> get = s3.getObject(g -> g.bucket(object.bucket())
                .key(object.key()).partNumber(2))) {
            response = get.response();
            actual = Checksums.sha256Hex(get);
        }

        // then
        assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(206);
        assertThat(response.contentLength()).isEqualTo((long) PART);
        assertThat(response.contentRange()).isEqualTo("bytes " + PART + "-" + (2L * PART - 1) + "/" + THREE_PARTS_SIZE);
        assertThat(response.partsCount()).as("x-amz-mp-parts-count").isEqualTo(3);
        assertThat(response.eTag()).as("the object's ETag, not the part's").isEqualTo(multipartEtag(THREE_PARTS));
        assertThat(actual).isEqualTo(Checksums.sha256Hex(THREE_PARTS.get(1).open()));
    }

    @Test
    void headWithPartNumberReportsThatPartsSize() {
        // given
        CompletedObject object = threePartObject();

        // when
        HeadObjectResponse head = s3.headObject(h -> h.bucket(object.bucket()).key(object.key()).partNumber(3));

        // then
        assertThat(head.contentLength()).isEqualTo((long) MIB);
        assertThat(head.partsCount()).as("x-amz-mp-parts-count").isEqualTo(3);
    }

    @Test
    void partNumberOneOfASingleUploadObjectIsTheWholeObject() {
        // given
        String bucket = newBucket("mpu-single");
        byte[] body = "a single PutObject body".getBytes(StandardCharsets.UTF_8);
        s3.putObject(put -> put.bucket(bucket).key("single"), RequestBody.fromBytes(body));

        // when
        var read = s3.getObjectAsBytes(get -> get.bucket(bucket).key("single").partNumber(1));

        // then
        assertThat(read.asByteArray()).isEqualTo(body);
        assertThat(read.response().contentLength()).isEqualTo((long) body.length);
        assertThat(read.response().eTag()).isEqualTo(Checksums.etag(body));
    }

    @Test
    void uploadIsInvisibleUntilCompleted() {
        // given
        String bucket = newBucket("mpu-invisible");
        String uploadId = createUpload(bucket, "pending");

        // when
        uploadPart(bucket, "pending", uploadId, 1, new GeneratedPart(44, 1000));

        // then
        assertKeyAbsent(s3, bucket, "pending");
        assertThat(s3.listObjectsV2(list -> list.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void metadataGivenAtCreationIsTheCompletedObjectsMetadata() {
        // given
        String bucket = newBucket("mpu-meta");
        Map<String, String> metadata = Map.of("origin", "multipart-test");
        String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key("meta")
                .contentType("text/csv").metadata(metadata)).uploadId();
        CompletedPart part = uploadPart(bucket, "meta", uploadId, 1, new GeneratedPart(45, 1000));

        // when
        complete(bucket, "meta", uploadId, List.of(part));

        // then
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("meta"));
        assertThat(head.contentType()).isEqualTo("text/csv");
        assertThat(head.metadata()).isEqualTo(metadata);
    }

    @Test
    void completeWithPartsOutOfOrderIsInvalidPartOrder() {
        // given: two full-size parts, so only their order is wrong
        String bucket = newBucket("mpu-order");
        String uploadId = createUpload(bucket, "k");
        CompletedPart first = uploadPart(bucket, "k", uploadId, 1, new GeneratedPart(51, PART));
        CompletedPart second = uploadPart(bucket, "k", uploadId, 2, new GeneratedPart(52, PART));

        // when / then
        assertS3Error(() -> complete(bucket, "k", uploadId, List.of(second, first)), 400, "InvalidPartOrder");
        assertKeyAbsent(s3, bucket, "k");
        assertThat(listParts(bucket, "k", uploadId).parts()).as("the upload stays open")
                .extracting(Part::partNumber).containsExactly(1, 2);
    }

    @Test
    void completeWithAWrongEtagIsInvalidPart() {
        // given
        String bucket = newBucket("mpu-etag");
        String uploadId = createUpload(bucket, "k");
        CompletedPart part = uploadPart(bucket, "k", uploadId, 1, new GeneratedPart(53, 1000));
        CompletedPart wrong = part.toBuilder().eTag("\"" + "0".repeat(32) + "\"").build();

        // when / then
        assertS3Error(() -> complete(bucket, "k", uploadId, List.of(wrong)), 400, "InvalidPart");
        assertKeyAbsent(s3, bucket, "k");
    }

    @Test
    void completeWithAPartNeverUploadedIsInvalidPart() {
        // given: part 1 exists, the list names only part 2
        String bucket = newBucket("mpu-missing");
        String uploadId = createUpload(bucket, "k");
        CompletedPart part = uploadPart(bucket, "k", uploadId, 1, new GeneratedPart(54, 1000));
        CompletedPart absent = part.toBuilder().partNumber(2).build();

        // when / then
        assertS3Error(() -> complete(bucket, "k", uploadId, List.of(absent)), 400, "InvalidPart");
        assertKeyAbsent(s3, bucket, "k");
    }

    @Test
    void nonLastPartOneByteUnder5MibIsEntityTooSmall() {
        // given
        String bucket = newBucket("mpu-small");
        String uploadId = createUpload(bucket, "k");
        CompletedPart first = uploadPart(bucket, "k", uploadId, 1, new GeneratedPart(55, PART - 1));
        CompletedPart last = uploadPart(bucket, "k", uploadId, 2, new GeneratedPart(56, 1000));

        // when / then
        assertS3Error(() -> complete(bucket, "k", uploadId, List.of(first, last)), 400, "EntityTooSmall");
        assertKeyAbsent(s3, bucket, "k");
    }

    @Test
    void repeatedCompletionWithTheSamePartsAnswersLikeTheFirst() {
        // given: a completed two-part upload (the SDK's retry after a lost response repeats the request as it was)
        String bucket = newBucket("mpu-retry");
        String uploadId = createUpload(bucket, "k");
        List<CompletedPart> parts = List.of(uploadPart(bucket, "k", uploadId, 1, new GeneratedPart(57, PART)),
                uploadPart(bucket, "k", uploadId, 2, new GeneratedPart(58, 1000)));
        CompleteMultipartUploadResponse first = complete(bucket, "k", uploadId, parts);

        // when
        CompleteMultipartUploadResponse again = complete(bucket, "k", uploadId, parts);

        // then
        assertThat(again.eTag()).isEqualTo(first.eTag());
        assertThat(again.bucket()).isEqualTo(bucket);
        assertThat(again.key()).isEqualTo("k");
        assertThat(s3.headObject(head -> head.bucket(bucket).key("k")).eTag()).isEqualTo(first.eTag());
    }

    @Test
    void completionWithAnotherPartListAfterCompletionIsNoSuchUpload() {
        // given
        String bucket = newBucket("mpu-retry-other");
        String uploadId = createUpload(bucket, "k");
        List<CompletedPart> parts = List.of(uploadPart(bucket, "k", uploadId, 1, new GeneratedPart(59, PART)),
                uploadPart(bucket, "k", uploadId, 2, new GeneratedPart(60, 1000)));
        CompleteMultipartUploadResponse first = complete(bucket, "k", uploadId, parts);

        // when / then: not a retry of that completion, and the upload is closed
        assertS3Error(() -> complete(bucket, "k", uploadId, parts.subList(0, 1)), 404, "NoSuchUpload");
        assertThat(s3.headObject(head -> head.bucket(bucket).key("k")).eTag()).isEqualTo(first.eTag());
    }

    /** The calls that name an upload id. */
    enum UploadCall { UPLOAD_PART, COMPLETE, LIST_PARTS, ABORT }

    @ParameterizedTest
    @EnumSource(UploadCall.class)
    void unknownUploadIdIsNoSuchUpload(UploadCall call) {
        // given: a well-formed id that no CreateMultipartUpload returned
        String bucket = newBucket("mpu-unknown");
        String unknown = UUID.randomUUID().toString();
        CompletedPart part = CompletedPart.builder().partNumber(1).eTag(Checksums.etag(new byte[1])).build();
        ThrowingCallable request = switch (call) {
            case UPLOAD_PART -> () -> s3.uploadPart(upload -> upload.bucket(bucket).key("k").uploadId(unknown)
                    .partNumber(1), TextBody.of("part"));
            case COMPLETE -> () -> complete(bucket, "k", unknown, List.of(part));
            case LIST_PARTS -> () -> listParts(bucket, "k", unknown);
            case ABORT -> () -> s3.abortMultipartUpload(abort -> abort.bucket(bucket).key("k").uploadId(unknown));
        };

        // when / then
        assertS3Error(request, 404, "NoSuchUpload");
        assertKeyAbsent(s3, bucket, "k");
    }

    @Test
    void uploadIdOfAnotherKeyIsNoSuchUpload() {
        // given: an open upload for "owner"
        String bucket = newBucket("mpu-otherkey");
        String uploadId = createUpload(bucket, "owner");

        // when / then: a part sent for another key must not join that upload
        assertS3Error(() -> s3.uploadPart(upload -> upload.bucket(bucket).key("intruder").uploadId(uploadId)
                .partNumber(1), TextBody.of("part")), 404, "NoSuchUpload");
        assertThat(listParts(bucket, "owner", uploadId).parts()).isEmpty();
    }

    @Test
    void abortedUploadIsGoneWithItsParts() {
        // given: an open upload with a part, listed as open
        String bucket = newBucket("mpu-abort");
        String uploadId = createUpload(bucket, "k");
        uploadPart(bucket, "k", uploadId, 1, new GeneratedPart(57, 1000));
        assertThat(s3.listMultipartUploads(list -> list.bucket(bucket)).uploads())
                .extracting(MultipartUpload::uploadId).containsExactly(uploadId);

        // when
        int status = s3.abortMultipartUpload(abort -> abort.bucket(bucket).key("k").uploadId(uploadId))
                .sdkHttpResponse().statusCode();

        // then
        assertThat(status).isEqualTo(204);
        assertThat(s3.listMultipartUploads(list -> list.bucket(bucket)).uploads()).isEmpty();
        assertS3Error(() -> listParts(bucket, "k", uploadId), 404, "NoSuchUpload");
        assertS3Error(() -> uploadPart(bucket, "k", uploadId, 2, new GeneratedPart(58, 1000)), 404, "NoSuchUpload");
        assertKeyAbsent(s3, bucket, "k");
    }

    @Test
    void reuploadedPartNumberReplacesTheEarlierBytes() throws IOException {
        // given: part 1 first too small, then sent again at full size
        String bucket = newBucket("mpu-replace");
        String uploadId = createUpload(bucket, "k");
        uploadPart(bucket, "k", uploadId, 1, new GeneratedPart(61, 1000));
        GeneratedPart replacement = new GeneratedPart(62, PART);
        GeneratedPart last = new GeneratedPart(63, 1000);
        CompletedPart one = uploadPart(bucket, "k", uploadId, 1, replacement);
        CompletedPart two = uploadPart(bucket, "k", uploadId, 2, last);

        // when
        CompleteMultipartUploadResponse completion = complete(bucket, "k", uploadId, List.of(one, two));

        // then
        List<GeneratedPart> used = List.of(replacement, last);
        assertThat(completion.eTag()).isEqualTo(multipartEtag(used));
        try (ResponseInputStream<GetObjectResponse> get = s3.getObject(g -> g.bucket(bucket).key("k"))) {
            assertThat(get.response().contentLength()).isEqualTo(PART + 1000L);
            assertThat(Checksums.sha256Hex(get)).isEqualTo(Checksums.sha256Hex(concatenation(used)));
        }
    }

    @Test
    void etagOfAReplacedPartIsInvalidPart() {
        // given
        String bucket = newBucket("mpu-oldetag");
        String uploadId = createUpload(bucket, "k");
        CompletedPart replaced = uploadPart(bucket, "k", uploadId, 1, new GeneratedPart(64, 1000));
        CompletedPart current = uploadPart(bucket, "k", uploadId, 1, new GeneratedPart(65, 2000));

        // when / then
        assertS3Error(() -> complete(bucket, "k", uploadId, List.of(replaced)), 400, "InvalidPart");
        assertThat(listParts(bucket, "k", uploadId).parts())
                .extracting(Part::partNumber, Part::eTag, Part::size)
                .containsExactly(tuple(1, current.eTag(), 2000L));
    }

    @Test
    void listPartsPagesThroughAllParts() {
        // given: five small parts (fine to list; they are never completed)
        String bucket = newBucket("mpu-listparts");
        String uploadId = createUpload(bucket, "k");
        List<CompletedPart> uploaded = new ArrayList<>();
        for (int number = 1; number <= 5; number++) {
            uploaded.add(uploadPart(bucket, "k", uploadId, number, new GeneratedPart(70 + number, 1000 + number)));
        }

        // when
        ListPartsResponse first = s3.listParts(list -> list.bucket(bucket).key("k").uploadId(uploadId).maxParts(2));
        ListPartsResponse second = s3.listParts(list -> list.bucket(bucket).key("k").uploadId(uploadId).maxParts(2)
                .partNumberMarker(first.nextPartNumberMarker()));
        ListPartsResponse third = s3.listParts(list -> list.bucket(bucket).key("k").uploadId(uploadId).maxParts(2)
                .partNumberMarker(second.nextPartNumberMarker()));

        // then
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.nextPartNumberMarker()).isEqualTo(2);
        assertThat(second.isTruncated()).isTrue();
        assertThat(second.nextPartNumberMarker()).isEqualTo(4);
        assertThat(third.isTruncated()).isFalse();
        List<Part> listed = new ArrayList<>();
        List.of(first, second, third).forEach(page -> listed.addAll(page.parts()));
        assertThat(first.parts()).hasSize(2);
        assertThat(second.parts()).hasSize(2);
        assertThat(third.parts()).hasSize(1);
        assertThat(listed).extracting(Part::partNumber, Part::eTag, Part::size).containsExactly(
                tuple(1, uploaded.get(0).eTag(), 1001L),
                tuple(2, uploaded.get(1).eTag(), 1002L),
                tuple(3, uploaded.get(2).eTag(), 1003L),
                tuple(4, uploaded.get(3).eTag(), 1004L),
                tuple(5, uploaded.get(4).eTag(), 1005L));
    }

    @Test
    void listMultipartUploadsPagesWithKeyAndUploadIdMarkers() {
        // given: five open uploads, two of them on "k2" so that a page boundary falls between them
        String bucket = newBucket("mpu-listuploads");
        List<String> keys = List.of("k1", "k2", "k2", "k3", "k4");
        List<String> uploadIds = keys.stream().map(key -> createUpload(bucket, key)).toList();

        // when
        List<ListMultipartUploadsResponse> pages = new ArrayList<>();
        ListMultipartUploadsResponse page = s3.listMultipartUploads(list -> list.bucket(bucket).maxUploads(2));
        pages.add(page);
        while (Boolean.TRUE.equals(page.isTruncated()) && pages.size() < 10) {
            ListMultipartUploadsResponse previous = page;
            page = s3.listMultipartUploads(list -> list.bucket(bucket).maxUploads(2)
                    .keyMarker(previous.nextKeyMarker()).uploadIdMarker(previous.nextUploadIdMarker()));
            pages.add(page);
        }

        // then
        assertThat(pages).extracting(p -> p.uploads().size()).containsExactly(2, 2, 1);
        assertThat(pages).extracting(ListMultipartUploadsResponse::isTruncated).containsExactly(true, true, false);
        for (ListMultipartUploadsResponse truncated : pages.subList(0, 2)) {
            MultipartUpload lastOnPage = truncated.uploads().get(truncated.uploads().size() - 1);
            assertThat(truncated.nextKeyMarker()).isEqualTo(lastOnPage.key());
            assertThat(truncated.nextUploadIdMarker()).isEqualTo(lastOnPage.uploadId());
        }
        List<MultipartUpload> listed = new ArrayList<>();
        pages.forEach(p -> listed.addAll(p.uploads()));
        assertThat(listed).extracting(MultipartUpload::key).containsExactly("k1", "k2", "k2", "k3", "k4");
        assertThat(listed).extracting(MultipartUpload::uploadId).containsExactlyInAnyOrderElementsOf(uploadIds);
    }

    @Test
    void uploadPartCopyWithASourceRangeCopiesExactlyThoseBytes() throws IOException {
        // given: a single-upload source a little over 5 MiB, and an open upload
        String bucket = newBucket("mpu-copy");
        GeneratedPart source = new GeneratedPart(81, PART + 200L);
        s3.putObject(put -> put.bucket(bucket).key("source"), source.body());
        String uploadId = createUpload(bucket, "copy");
        String range = "bytes=100-" + (PART + 99);

        // when: part 1 is bytes 100..5 MiB+99 of the source, part 2 is uploaded
        UploadPartCopyResponse copied = s3.uploadPartCopy(copy -> copy.sourceBucket(bucket).sourceKey("source")
                .destinationBucket(bucket).destinationKey("copy").uploadId(uploadId).partNumber(1)
                .copySourceRange(range));
        CompletedPart one = CompletedPart.builder().partNumber(1).eTag(copied.copyPartResult().eTag()).build();
        GeneratedPart last = new GeneratedPart(82, 1000);
        CompletedPart two = uploadPart(bucket, "copy", uploadId, 2, last);
        complete(bucket, "copy", uploadId, List.of(one, two));

        // then
        MessageDigest sliceMd5 = digest("MD5");
        feed(sliceMd5, source.open(), 100, PART);
        assertThat(copied.copyPartResult().eTag()).as("ETag of the copied part")
                .isEqualTo("\"" + HexFormat.of().formatHex(sliceMd5.digest()) + "\"");
        MessageDigest expected = digest("SHA-256");
        feed(expected, source.open(), 100, PART);
        feed(expected, last.open(), 0, last.sizeBytes());
        try (ResponseInputStream<GetObjectResponse> get = s3.getObject(g -> g.bucket(bucket).key("copy"))) {
            assertThat(get.response().contentLength()).isEqualTo(PART + 1000L);
            assertThat(Checksums.sha256Hex(get)).isEqualTo(HexFormat.of().formatHex(expected.digest()));
        }
    }

    @Test
    void putObjectOverAMultipartObjectReadsBackTheNewBytes() {
        // given: a completed two-part object
        String bucket = newBucket("mpu-overwrite");
        String uploadId = createUpload(bucket, "k");
        CompletedPart one = uploadPart(bucket, "k", uploadId, 1, new GeneratedPart(91, PART));
        CompletedPart two = uploadPart(bucket, "k", uploadId, 2, new GeneratedPart(92, 1000));
        complete(bucket, "k", uploadId, List.of(one, two));
        byte[] replacement = "a plain single-upload replacement".getBytes(StandardCharsets.UTF_8);

        // when
        s3.putObject(put -> put.bucket(bucket).key("k"), RequestBody.fromBytes(replacement));

        // then
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("k")).asByteArray()).isEqualTo(replacement);
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("k"));
        assertThat(head.eTag()).isEqualTo(Checksums.etag(replacement));
        assertThat(head.contentLength()).isEqualTo((long) replacement.length);
        assertThat(s3.listObjectsV2(list -> list.bucket(bucket)).contents())
                .extracting(S3Object::key, S3Object::size)
                .containsExactly(tuple("k", (long) replacement.length));
    }

    /** A part body generated on the fly from a seed: re-openable, so the SDK can retry and the test can re-hash. */
    private record GeneratedPart(long seed, long sizeBytes) {
        InputStream open() {
            return new GeneratedBody(seed, sizeBytes);
        }

        RequestBody body() {
            return RequestBody.fromContentProvider(this::open, sizeBytes, "application/octet-stream");
        }

        byte[] md5() {
            MessageDigest md5 = digest("MD5");
            try {
                feed(md5, open(), 0, sizeBytes);
            } catch (IOException e) {
                throw new IllegalStateException("a generated body cannot fail", e);
            }
            return md5.digest();
        }
    }

    /** The shared three-part object and what completing it answered. */
    private record CompletedObject(String bucket, String key, CompleteMultipartUploadResponse completion) {
    }

    // Created on first use rather than in @BeforeAll, so that a broken completion fails the tests that read the object
    // and not the error and listing tests beside them.
    private static synchronized CompletedObject threePartObject() {
        if (threeParts == null) {
            String bucket = newBucket("mpu-shared");
            String key = "three/parts.bin";
            String uploadId = createUpload(bucket, key);
            List<CompletedPart> parts = new ArrayList<>();
            for (int i = 0; i < THREE_PARTS.size(); i++) {
                parts.add(uploadPart(bucket, key, uploadId, i + 1, THREE_PARTS.get(i)));
            }
            threeParts = new CompletedObject(bucket, key, complete(bucket, key, uploadId, parts));
        }
        return threeParts;
    }

    private static String createUpload(String bucket, String key) {
        return s3.createMultipartUpload(create -> create.bucket(bucket).key(key)).uploadId();
    }

    private static CompletedPart uploadPart(String bucket, String key, String uploadId, int partNumber,
            GeneratedPart part) {
        String etag = s3.uploadPart(upload -> upload.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                part.body()).eTag();
        return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
    }

    private static CompleteMultipartUploadResponse complete(String bucket, String key, String uploadId,
            List<CompletedPart> parts) {
        return s3.completeMultipartUpload(completion -> completion.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));
    }

    private static ListPartsResponse listParts(String bucket, String key, String uploadId) {
        return s3.listParts(list -> list.bucket(bucket).key(key).uploadId(uploadId));
    }

    private static String newBucket(String prefix) {
        String bucket = BlobpipeFixture.uniqueBucket(prefix);
        s3.createBucket(create -> create.bucket(bucket));
        return bucket;
    }

    /** The quoted S3 ETag of a multipart object: hex MD5 of the binary part MD5s, a dash, the part count. */
    private static String multipartEtag(List<GeneratedPart> parts) {
        MessageDigest md5OfMd5s = digest("MD5");
        parts.forEach(part -> md5OfMd5s.update(part.md5()));
        return "\"" + HexFormat.of().formatHex(md5OfMd5s.digest()) + "-" + parts.size() + "\"";
    }

    private static InputStream concatenation(List<GeneratedPart> parts) {
        return new SequenceInputStream(Collections.enumeration(parts.stream().map(GeneratedPart::open).toList()));
    }

    private static byte[] expectedSlice(List<GeneratedPart> parts, long first, int length) throws IOException {
        try (InputStream in = concatenation(parts)) {
            in.skipNBytes(first);
            return in.readNBytes(length);
        }
    }

    private static String sha256OfSlice(List<GeneratedPart> parts, long first, long length) throws IOException {
        MessageDigest sha256 = digest("SHA-256");
        feed(sha256, concatenation(parts), first, length);
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Feeds {@code length} bytes of the stream, after skipping {@code skip}, to the digest; closes the stream. */
    private static void feed(MessageDigest digest, InputStream stream, long skip, long length) throws IOException {
        try (InputStream in = stream) {
            in.skipNBytes(skip);
            byte[] buffer = new byte[64 << 10];
            long remaining = length;
            while (remaining > 0) {
                int count = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (count < 0) {
                    throw new EOFException(remaining + " bytes short");
                }
                digest.update(buffer, 0, count);
                remaining -= count;
            }
        }
    }

    /** First and last byte a satisfiable {@code bytes=} range selects in an object of {@code size} bytes. */
    private static long[] expectedRange(String range, long size) {
        String spec = range.substring("bytes=".length());
        int dash = spec.indexOf('-');
        if (dash == 0) {
            return new long[] {size - Long.parseLong(spec.substring(1)), size - 1};
        }
        long first = Long.parseLong(spec.substring(0, dash));
        long last = dash == spec.length() - 1 ? size - 1 : Math.min(Long.parseLong(spec.substring(dash + 1)), size - 1);
        return new long[] {first, last};
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without " + algorithm, e);
        }
    }
}
