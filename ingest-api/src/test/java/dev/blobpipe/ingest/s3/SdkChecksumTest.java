package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Checksums as the AWS SDK v2 sends and checks them, through the real SigV4 verifier and payload decoder: the SDK
 * computes part and object checksums itself (trailers), and validates the x-amz-checksum-* of a GET with checksum
 * mode against the bytes it received, which checks our FULL_OBJECT combination independently. CRC64NVME needs the
 * native CRT in the SDK, which we do not have: its values are computed here (bit by bit) and sent as headers.
 */
class SdkChecksumTest {
    private static final String BUCKET = "sums";

    private final InMemoryBackend fakes = new InMemoryBackend();
    private SdkFrontDoor frontDoor;
    private S3Client s3;

    @BeforeEach
    void start() throws IOException {
        frontDoor = SdkFrontDoor.start(fakes);
        s3 = frontDoor.client();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterEach
    void stop() {
        frontDoor.close();
    }

    @Test
    void putWithEachSdkAlgorithmIsVerifiedStoredAndValidatedOnGet() {
        byte[] data = random(100_000, 1);
        for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C,
                ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256)) {
            String key = "put-" + algorithm;
            s3.putObject(b -> b.bucket(BUCKET).key(key).checksumAlgorithm(algorithm), RequestBody.fromBytes(data));

            // the SDK validates the returned checksum against the body it read; a wrong value throws
            var get = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED));
            var head = s3.headObject(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED));

            assertThat(get.asByteArray()).isEqualTo(data);
            assertThat(head.checksumTypeAsString()).as(algorithm.toString()).isEqualTo("FULL_OBJECT");
            String expected = switch (algorithm) {
                case CRC32 -> head.checksumCRC32();
                case CRC32_C -> head.checksumCRC32C();
                case SHA1 -> head.checksumSHA1();
                default -> head.checksumSHA256();
            };
            assertThat(expected).as(algorithm.toString()).isEqualTo(switch (algorithm) {
                case CRC32 -> crc32(data);
                case CRC32_C -> crc32c(data);
                case SHA1 -> digest("SHA-1", data);
                default -> digest("SHA-256", data);
            });
        }
    }

    @Test
    void putWithCrc64nvmeHeaderIsVerifiedAndReturned() {
        byte[] data = random(70_000, 2);
        String crc = crc64nvme(data);

        s3.putObject(b -> b.bucket(BUCKET).key("nvme").checksumCRC64NVME(crc), RequestBody.fromBytes(data));
        var head = s3.headObject(b -> b.bucket(BUCKET).key("nvme").checksumMode(ChecksumMode.ENABLED));

        assertThat(head.checksumCRC64NVME()).isEqualTo(crc);
        assertThat(head.checksumTypeAsString()).isEqualTo("FULL_OBJECT");
        String wrong = crc64nvme(new byte[1]);
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(BUCKET).key("bad").checksumCRC64NVME(wrong),
                RequestBody.fromBytes(data)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("BadDigest"));
    }

    @Test
    void compositeSha256MultipartRoundTrip() {
        byte[][] parts = {random(5 << 20, 3), random(1234, 4)};

        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("c-sha").checksumAlgorithm(
                ChecksumAlgorithm.SHA256).checksumType(ChecksumType.COMPOSITE)).uploadId();
        List<CompletedPart> completed = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            int partNumber = i + 1;
            byte[] part = parts[i];
            UploadPartResponse response = s3.uploadPart(b -> b.bucket(BUCKET).key("c-sha").uploadId(uploadId)
                    .partNumber(partNumber).checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(part));
            assertThat(response.checksumSHA256()).isEqualTo(digest("SHA-256", part));
            completed.add(CompletedPart.builder().partNumber(partNumber).eTag(response.eTag())
                    .checksumSHA256(response.checksumSHA256()).build());
        }
        var listed = s3.listParts(b -> b.bucket(BUCKET).key("c-sha").uploadId(uploadId));
        var result = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("c-sha").uploadId(uploadId)
                .multipartUpload(m -> m.parts(completed)));
        var get = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("c-sha").checksumMode(ChecksumMode.ENABLED));

        String composite = compositeOf("SHA-256", parts) + "-2";
        assertThat(listed.parts()).extracting(p -> p.checksumSHA256())
                .containsExactly(digest("SHA-256", parts[0]), digest("SHA-256", parts[1]));
        assertThat(listed.checksumTypeAsString()).isEqualTo("COMPOSITE");
        assertThat(result.checksumSHA256()).isEqualTo(composite);
        assertThat(result.checksumTypeAsString()).isEqualTo("COMPOSITE");
        assertThat(get.response().checksumSHA256()).isEqualTo(composite);
        assertThat(get.response().checksumTypeAsString()).isEqualTo("COMPOSITE");
        assertThat(get.asByteArray()).hasSize(parts[0].length + parts[1].length);
    }

    @Test
    void attributesAndPartNumberGetCarryEachPartsChecksum() {
        byte[][] parts = {random(5 << 20, 13), random(4321, 14)};
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("p-sha").checksumAlgorithm(
                ChecksumAlgorithm.SHA256)).uploadId();
        List<CompletedPart> completed = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            int partNumber = i + 1;
            byte[] part = parts[i];
            var response = s3.uploadPart(b -> b.bucket(BUCKET).key("p-sha").uploadId(uploadId)
                    .partNumber(partNumber).checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(part));
            completed.add(CompletedPart.builder().partNumber(partNumber).eTag(response.eTag())
                    .checksumSHA256(response.checksumSHA256()).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("p-sha").uploadId(uploadId)
                .multipartUpload(m -> m.parts(completed)));

        var attributes = s3.getObjectAttributes(b -> b.bucket(BUCKET).key("p-sha")
                .objectAttributes(ObjectAttributes.OBJECT_PARTS));
        // the SDK validates the part's bytes against the checksum header it gets
        var part2 = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("p-sha").partNumber(2)
                .checksumMode(ChecksumMode.ENABLED));
        var head1 = s3.headObject(b -> b.bucket(BUCKET).key("p-sha").partNumber(1)
                .checksumMode(ChecksumMode.ENABLED));

        assertThat(attributes.objectParts().parts()).extracting(p -> p.partNumber(), p -> p.checksumSHA256())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, digest("SHA-256", parts[0])),
                        org.assertj.core.groups.Tuple.tuple(2, digest("SHA-256", parts[1])));
        assertThat(part2.asByteArray()).isEqualTo(parts[1]);
        assertThat(part2.response().checksumSHA256()).isEqualTo(digest("SHA-256", parts[1]));
        assertThat(head1.checksumSHA256()).isEqualTo(digest("SHA-256", parts[0]));
        assertThat(head1.contentLength()).isEqualTo(parts[0].length);
    }

    @Test
    void compositeCrc32cMultipartRoundTripWithDefaultType() {
        byte[][] parts = {random(5 << 20, 5), random(5 << 20, 6), random(17, 7)};

        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("c-crc").checksumAlgorithm(
                ChecksumAlgorithm.CRC32_C)).uploadId();
        List<CompletedPart> completed = uploadParts("c-crc", uploadId, parts, ChecksumAlgorithm.CRC32_C);
        var result = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("c-crc").uploadId(uploadId)
                .multipartUpload(m -> m.parts(completed)));
        var head = s3.headObject(b -> b.bucket(BUCKET).key("c-crc").checksumMode(ChecksumMode.ENABLED));
        var get = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("c-crc").checksumMode(ChecksumMode.ENABLED));

        var composite = new java.util.zip.CRC32C();
        for (byte[] part : parts) {
            composite.update(Base64.getDecoder().decode(crc32c(part)));
        }
        String expected = Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(4).putInt((int) composite.getValue()).array()) + "-3";
        assertThat(result.checksumCRC32C()).isEqualTo(expected);
        assertThat(head.checksumCRC32C()).isEqualTo(expected);
        assertThat(head.checksumTypeAsString()).isEqualTo("COMPOSITE");
        assertThat(get.asByteArray()).hasSize((10 << 20) + 17);
    }

    @Test
    void fullObjectCrc32MultipartIsTheCrcOfTheWholeObject() {
        byte[][] parts = {random(5 << 20, 8), random(3333, 9)};
        byte[] whole = concat(parts);

        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("f-crc").checksumAlgorithm(
                ChecksumAlgorithm.CRC32).checksumType(ChecksumType.FULL_OBJECT)).uploadId();
        List<CompletedPart> completed = uploadParts("f-crc", uploadId, parts, ChecksumAlgorithm.CRC32);
        // the client's whole-object CRC on the completion is checked against the combined one
        var result = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("f-crc").uploadId(uploadId)
                .checksumType(ChecksumType.FULL_OBJECT).checksumCRC32(crc32(whole))
                .multipartUpload(m -> m.parts(completed)));
        // the SDK checks the returned CRC32 against the whole body: an independent check of the combination
        var get = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("f-crc").checksumMode(ChecksumMode.ENABLED));

        var part = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("f-crc").partNumber(2)
                .checksumMode(ChecksumMode.ENABLED));

        assertThat(result.checksumCRC32()).isEqualTo(crc32(whole));
        assertThat(result.checksumTypeAsString()).isEqualTo("FULL_OBJECT");
        // a part GET carries the part's own CRC (never the whole object's), which the SDK checked against its bytes
        assertThat(part.asByteArray()).isEqualTo(parts[1]);
        assertThat(part.response().checksumCRC32()).isEqualTo(crc32(parts[1]));
        assertThat(get.response().checksumCRC32()).isEqualTo(crc32(whole));
        assertThat(get.response().checksumTypeAsString()).isEqualTo("FULL_OBJECT");
        assertThat(get.asByteArray()).isEqualTo(whole);
    }

    @Test
    void fullObjectCrc64nvmeMultipartRoundTripAndAttributes() {
        byte[][] parts = {random(5 << 20, 10), random(5 << 20, 11), random(999, 12)};
        byte[] whole = concat(parts);

        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("f-nvme").checksumAlgorithm(
                ChecksumAlgorithm.CRC64_NVME).checksumType(ChecksumType.FULL_OBJECT)).uploadId();
        List<CompletedPart> completed = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            int partNumber = i + 1;
            byte[] part = parts[i];
            String crc = crc64nvme(part);
            var response = s3.uploadPart(b -> b.bucket(BUCKET).key("f-nvme").uploadId(uploadId).partNumber(partNumber)
                    .checksumCRC64NVME(crc), RequestBody.fromBytes(part));
            assertThat(response.checksumCRC64NVME()).isEqualTo(crc);
            completed.add(CompletedPart.builder().partNumber(partNumber).eTag(response.eTag())
                    .checksumCRC64NVME(crc).build());
        }
        var result = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("f-nvme").uploadId(uploadId)
                .checksumType(ChecksumType.FULL_OBJECT).checksumCRC64NVME(crc64nvme(whole))
                .multipartUpload(m -> m.parts(completed)));
        var head = s3.headObject(b -> b.bucket(BUCKET).key("f-nvme").checksumMode(ChecksumMode.ENABLED));
        var attributes = s3.getObjectAttributes(b -> b.bucket(BUCKET).key("f-nvme").maxParts(2)
                .objectAttributes(ObjectAttributes.E_TAG, ObjectAttributes.CHECKSUM, ObjectAttributes.OBJECT_PARTS,
                        ObjectAttributes.STORAGE_CLASS, ObjectAttributes.OBJECT_SIZE));
        var secondPage = s3.getObjectAttributes(b -> b.bucket(BUCKET).key("f-nvme").partNumberMarker(2)
                .objectAttributes(ObjectAttributes.OBJECT_PARTS));

        assertThat(result.checksumCRC64NVME()).isEqualTo(crc64nvme(whole));
        assertThat(head.checksumCRC64NVME()).isEqualTo(crc64nvme(whole));
        assertThat(head.checksumTypeAsString()).isEqualTo("FULL_OBJECT");
        assertThat(attributes.eTag()).isEqualTo(ObjectReadHandler.unquoted(result.eTag()));
        assertThat(attributes.checksum().checksumCRC64NVME()).isEqualTo(crc64nvme(whole));
        assertThat(attributes.checksum().checksumTypeAsString()).isEqualTo("FULL_OBJECT");
        assertThat(attributes.objectSize()).isEqualTo(whole.length);
        assertThat(attributes.storageClassAsString()).isEqualTo("STANDARD");
        assertThat(attributes.objectParts().totalPartsCount()).isEqualTo(3);
        assertThat(attributes.objectParts().isTruncated()).isTrue();
        assertThat(attributes.objectParts().parts())
                .extracting(p -> p.partNumber(), p -> p.size(), p -> p.checksumCRC64NVME())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 5L << 20, crc64nvme(parts[0])),
                        org.assertj.core.groups.Tuple.tuple(2, 5L << 20, crc64nvme(parts[1])));
        assertThat(secondPage.objectParts().parts()).extracting(p -> p.partNumber()).containsExactly(3);
        assertThat(secondPage.objectParts().isTruncated()).isFalse();
        assertThat(secondPage.checksum()).isNull();
    }

    @Test
    void copiedPartIsChecksummedWithTheUploadsAlgorithm() {
        byte[] source = random(1000, 16);
        s3.putObject(b -> b.bucket(BUCKET).key("source"), RequestBody.fromBytes(source));
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("copied").checksumAlgorithm(
                ChecksumAlgorithm.CRC32_C)).uploadId();

        var copied = s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("source").copySourceRange("bytes=10-109")
                .destinationBucket(BUCKET).destinationKey("copied").uploadId(uploadId).partNumber(1));
        var completed = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("copied").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1)
                        .eTag(copied.copyPartResult().eTag()).build())));

        byte[] range = java.util.Arrays.copyOfRange(source, 10, 110);
        assertThat(copied.copyPartResult().checksumCRC32C()).isEqualTo(crc32c(range));
        var composite = new java.util.zip.CRC32C();
        composite.update(Base64.getDecoder().decode(crc32c(range)));
        assertThat(completed.checksumCRC32C()).isEqualTo(Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(4).putInt((int) composite.getValue()).array()) + "-1");
    }

    @Test
    void getObjectAttributesOfAPutObject() {
        byte[] data = random(4096, 13);
        s3.putObject(b -> b.bucket(BUCKET).key("single").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromBytes(data));

        var attributes = s3.getObjectAttributes(b -> b.bucket(BUCKET).key("single")
                .objectAttributes(ObjectAttributes.CHECKSUM, ObjectAttributes.OBJECT_PARTS,
                        ObjectAttributes.OBJECT_SIZE));

        assertThat(attributes.checksum().checksumSHA256()).isEqualTo(digest("SHA-256", data));
        assertThat(attributes.objectParts()).isNull();
        assertThat(attributes.objectSize()).isEqualTo(4096);
        assertThat(attributes.eTag()).isNull();
    }

    @Test
    void invalidTypeAndAlgorithmCombinationIsInvalidRequest() {
        assertThatThrownBy(() -> s3.createMultipartUpload(b -> b.bucket(BUCKET).key("x")
                .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumType(ChecksumType.FULL_OBJECT)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidRequest"));
        assertThatThrownBy(() -> s3.createMultipartUpload(b -> b.bucket(BUCKET).key("x")
                .checksumAlgorithm(ChecksumAlgorithm.CRC64_NVME).checksumType(ChecksumType.COMPOSITE)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidRequest"));
    }

    @Test
    void partWithAnotherAlgorithmThanTheUploadsIsInvalidRequest() {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("mismatch").checksumAlgorithm(
                ChecksumAlgorithm.CRC32_C)).uploadId();

        assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket(BUCKET).key("mismatch").uploadId(uploadId).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.SHA1), RequestBody.fromBytes(new byte[10])))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidRequest"));
    }

    @Test
    void completionListingAWrongPartChecksumIsInvalidPart() {
        byte[][] parts = {random(5 << 20, 14), random(10, 15)};
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("wrong").checksumAlgorithm(
                ChecksumAlgorithm.CRC32)).uploadId();
        List<CompletedPart> completed = uploadParts("wrong", uploadId, parts, ChecksumAlgorithm.CRC32);
        List<CompletedPart> tampered = List.of(completed.get(0),
                completed.get(1).toBuilder().checksumCRC32(crc32(new byte[3])).build());

        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("wrong").uploadId(uploadId)
                .multipartUpload(m -> m.parts(tampered))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidPart"));
    }

    private List<CompletedPart> uploadParts(String key, String uploadId, byte[][] parts, ChecksumAlgorithm algorithm) {
        List<CompletedPart> completed = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            int partNumber = i + 1;
            byte[] part = parts[i];
            var response = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(partNumber)
                    .checksumAlgorithm(algorithm), RequestBody.fromBytes(part));
            completed.add(CompletedPart.builder().partNumber(partNumber).eTag(response.eTag())
                    .checksumCRC32(response.checksumCRC32()).checksumCRC32C(response.checksumCRC32C()).build());
        }
        return completed;
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] concat(byte[][] parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        ByteBuffer whole = ByteBuffer.allocate(size);
        for (byte[] part : parts) {
            whole.put(part);
        }
        return whole.array();
    }

    private static String crc32(byte[] data) {
        var crc = new CRC32();
        crc.update(data);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static String crc32c(byte[] data) {
        var crc = new java.util.zip.CRC32C();
        crc.update(data);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** CRC-64/NVME bit by bit, independent of the table-driven production code. */
    private static String crc64nvme(byte[] data) {
        long crc = -1L;
        for (byte b : data) {
            crc ^= b & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
            }
        }
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(~crc).array());
    }

    private static String digest(String algorithm, byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String compositeOf(String algorithm, byte[][] parts) {
        try {
            MessageDigest composite = MessageDigest.getInstance(algorithm);
            for (byte[] part : parts) {
                composite.update(MessageDigest.getInstance(algorithm).digest(part));
            }
            return Base64.getEncoder().encodeToString(composite.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
