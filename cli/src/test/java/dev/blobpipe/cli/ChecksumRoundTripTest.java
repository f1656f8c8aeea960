package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.Checksums;
import dev.blobpipe.cli.testing.GeneratedBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectPart;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * x-amz-checksum-* end to end through the AWS SDK v2 with its defaults: what PutObject answers is what a GET with
 * checksum mode returns (and the SDK verifies the body against it), and multipart uploads keep a composite SHA-256 or
 * a full-object CRC32 that HEAD and GetObjectAttributes report. CRC64NVME needs aws-crt, which is not on the test
 * classpath; ingest-api's SdkChecksumTest covers it.
 */
class ChecksumRoundTripTest {
    private static final int PART = 5 << 20;
    private static final long[] PART_SEEDS = {71, 72, 73};
    private static final int[] PART_SIZES = {PART, PART, 300_000};
    private static final long SIZE = 2L * PART + 300_000;

    private static final S3Client s3 = BlobpipeFixture.shared().sharedClient();

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32_C", "SHA1", "SHA256"})
    void putChecksumIsTheOneGetReturnsAndVerifies(ChecksumAlgorithm algorithm) {
        // given
        String bucket = newBucket("sum-" + algorithm.toString().toLowerCase(Locale.ROOT).replace('_', '-'));
        byte[] body = new byte[150_000];
        new Random(algorithm.ordinal()).nextBytes(body);
        PutObjectResponse put = s3.putObject(p -> p.bucket(bucket).key("k").checksumAlgorithm(algorithm),
                RequestBody.fromBytes(body));

        // when: with checksum mode on, the SDK compares the body it reads with the checksum header it gets
        var read = s3.getObjectAsBytes(get -> get.bucket(bucket).key("k").checksumMode(ChecksumMode.ENABLED));

        // then
        assertThat(putChecksum(algorithm, put)).as("PutObject's x-amz-checksum").isEqualTo(expected(algorithm, body));
        assertThat(getChecksum(algorithm, read.response())).as("GetObject's x-amz-checksum")
                .isEqualTo(putChecksum(algorithm, put));
        assertThat(read.asByteArray()).isEqualTo(body);
    }

    @Test
    void singlePutChecksumIsOfTypeFullObject() {
        // given
        String bucket = newBucket("sum-type");
        s3.putObject(p -> p.bucket(bucket).key("k").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromBytes(new byte[] {1, 2, 3}));

        // when
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("k").checksumMode(ChecksumMode.ENABLED));

        // then
        assertThat(head.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    }

    @Test
    void compositeSha256OfAMultipartUploadIsTheSha256OfThePartSha256s() throws IOException {
        // given
        String bucket = newBucket("sum-composite");
        List<String> partSums = partChecksums(ChecksumAlgorithm.SHA256);
        String expected = sha256OfDecoded(partSums) + "-" + PART_SEEDS.length;

        // when
        CompositeUpload upload = compositeSha256Upload(bucket, "k");

        // then
        assertThat(upload.parts()).extracting(UploadPartResponse::checksumSHA256).containsExactlyElementsOf(partSums);
        assertThat(upload.completed().checksumSHA256()).as("CompleteMultipartUpload checksum").isEqualTo(expected);
        assertThat(upload.completed().checksumType()).isEqualTo(ChecksumType.COMPOSITE);
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("k").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumSHA256()).as("HEAD checksum").isEqualTo(expected);
        assertThat(head.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
        // and GetObjectAttributes: S3 gives the checksum of checksums there with or without the part count
        GetObjectAttributesResponse attributes = attributes(bucket, "k");
        assertThat(attributes.checksum().checksumSHA256()).isIn(expected, sha256OfDecoded(partSums));
        assertThat(attributes.checksum().checksumType()).isEqualTo(ChecksumType.COMPOSITE);
        assertThat(unquoted(attributes.eTag())).isEqualTo(unquoted(head.eTag()));
        assertThat(attributes.objectSize()).isEqualTo(SIZE);
        assertThat(attributes.objectParts().totalPartsCount()).isEqualTo(PART_SEEDS.length);
        assertThat(attributes.objectParts().parts()).extracting(ObjectPart::partNumber, ObjectPart::size)
                .containsExactly(tuple(1, (long) PART), tuple(2, (long) PART), tuple(3, 300_000L));
        // a GET with checksum mode reads the whole object (the SDK skips verifying a composite value)
        try (ResponseInputStream<GetObjectResponse> get = s3.getObject(g -> g.bucket(bucket).key("k")
                .checksumMode(ChecksumMode.ENABLED))) {
            assertThat(Checksums.sha256Hex(get)).isEqualTo(Checksums.sha256Hex(wholeContent()));
        }
    }

    @Test
    void objectAttributesListEachPartsChecksum() {
        // given
        String bucket = newBucket("sum-partattrs");
        compositeSha256Upload(bucket, "k");
        List<String> partSums = partChecksums(ChecksumAlgorithm.SHA256);

        // when
        GetObjectAttributesResponse attributes = attributes(bucket, "k");

        // then: S3 lists each part's ChecksumSHA256 next to its number and size
        assertThat(attributes.objectParts().parts())
                .extracting(ObjectPart::partNumber, ObjectPart::checksumSHA256)
                .containsExactly(tuple(1, partSums.get(0)), tuple(2, partSums.get(1)), tuple(3, partSums.get(2)));
    }

    @Test
    void getAndHeadOfOnePartReturnThatPartsChecksum() {
        // given
        String bucket = newBucket("sum-partget");
        compositeSha256Upload(bucket, "k");
        List<String> partSums = partChecksums(ChecksumAlgorithm.SHA256);

        // when: with checksum mode on, the SDK checks the part's bytes against the checksum it gets
        var part3 = s3.getObjectAsBytes(get -> get.bucket(bucket).key("k").partNumber(3)
                .checksumMode(ChecksumMode.ENABLED));
        HeadObjectResponse head2 = s3.headObject(h -> h.bucket(bucket).key("k").partNumber(2)
                .checksumMode(ChecksumMode.ENABLED));

        // then: each the part's own SHA-256, never the object's composite
        assertThat(part3.response().checksumSHA256()).isEqualTo(partSums.get(2));
        assertThat(part3.asByteArray()).isEqualTo(generated(PART_SEEDS[2], PART_SIZES[2]));
        assertThat(head2.checksumSHA256()).isEqualTo(partSums.get(1));
        assertThat(head2.contentLength()).isEqualTo((long) PART);
    }

    @Test
    void fullObjectCrc32OfAMultipartUploadIsTheCrc32OfTheWholeContent() throws IOException {
        // given
        String bucket = newBucket("sum-fullobject");
        String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key("k")
                .checksumAlgorithm(ChecksumAlgorithm.CRC32).checksumType(ChecksumType.FULL_OBJECT)).uploadId();
        List<UploadPartResponse> uploaded = uploadParts(bucket, "k", uploadId, ChecksumAlgorithm.CRC32);
        List<CompletedPart> parts = new ArrayList<>();
        for (int i = 0; i < uploaded.size(); i++) {
            parts.add(CompletedPart.builder().partNumber(i + 1).eTag(uploaded.get(i).eTag())
                    .checksumCRC32(uploaded.get(i).checksumCRC32()).build());
        }
        String expected = crc32OfWholeContent();

        // when
        CompleteMultipartUploadResponse completed = s3.completeMultipartUpload(complete -> complete.bucket(bucket)
                .key("k").uploadId(uploadId).checksumType(ChecksumType.FULL_OBJECT)
                .multipartUpload(upload -> upload.parts(parts)));

        // then
        assertThat(uploaded).extracting(UploadPartResponse::checksumCRC32)
                .containsExactlyElementsOf(partChecksums(ChecksumAlgorithm.CRC32));
        assertThat(completed.checksumCRC32()).as("CompleteMultipartUpload checksum").isEqualTo(expected);
        assertThat(completed.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("k").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC32()).as("HEAD checksum").isEqualTo(expected);
        assertThat(head.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        GetObjectAttributesResponse attributes = attributes(bucket, "k");
        assertThat(attributes.checksum().checksumCRC32()).isEqualTo(expected);
        assertThat(attributes.checksum().checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
        assertThat(unquoted(attributes.eTag())).isEqualTo(unquoted(head.eTag()));
        assertThat(attributes.objectSize()).isEqualTo(SIZE);
        assertThat(attributes.objectParts().totalPartsCount()).isEqualTo(parts.size());
        // a full-object CRC is one the SDK verifies while the GET streams the body
        try (ResponseInputStream<GetObjectResponse> get = s3.getObject(g -> g.bucket(bucket).key("k")
                .checksumMode(ChecksumMode.ENABLED))) {
            assertThat(get.response().checksumCRC32()).isEqualTo(expected);
            assertThat(Checksums.sha256Hex(get)).isEqualTo(Checksums.sha256Hex(wholeContent()));
        }
    }

    /** The uploaded parts' answers and the completion of an upload with composite SHA-256 checksums. */
    private record CompositeUpload(List<UploadPartResponse> parts, CompleteMultipartUploadResponse completed) {
    }

    private static CompositeUpload compositeSha256Upload(String bucket, String key) {
        String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
        List<UploadPartResponse> uploaded = uploadParts(bucket, key, uploadId, ChecksumAlgorithm.SHA256);
        List<CompletedPart> parts = new ArrayList<>();
        for (int i = 0; i < uploaded.size(); i++) {
            parts.add(CompletedPart.builder().partNumber(i + 1).eTag(uploaded.get(i).eTag())
                    .checksumSHA256(uploaded.get(i).checksumSHA256()).build());
        }
        CompleteMultipartUploadResponse completed = s3.completeMultipartUpload(complete -> complete.bucket(bucket)
                .key(key).uploadId(uploadId).multipartUpload(upload -> upload.parts(parts)));
        return new CompositeUpload(uploaded, completed);
    }

    private static List<UploadPartResponse> uploadParts(String bucket, String key, String uploadId,
            ChecksumAlgorithm algorithm) {
        List<UploadPartResponse> uploaded = new ArrayList<>();
        for (int i = 0; i < PART_SEEDS.length; i++) {
            int partNumber = i + 1;
            long seed = PART_SEEDS[i];
            int size = PART_SIZES[i];
            RequestBody body = RequestBody.fromContentProvider(() -> new GeneratedBody(seed, size), size,
                    "application/octet-stream");
            uploaded.add(s3.uploadPart(upload -> upload.bucket(bucket).key(key).uploadId(uploadId)
                    .partNumber(partNumber).checksumAlgorithm(algorithm), body));
        }
        return uploaded;
    }

    private static GetObjectAttributesResponse attributes(String bucket, String key) {
        return s3.getObjectAttributes(get -> get.bucket(bucket).key(key).objectAttributes(
                ObjectAttributes.CHECKSUM, ObjectAttributes.E_TAG, ObjectAttributes.OBJECT_SIZE,
                ObjectAttributes.OBJECT_PARTS));
    }

    /** Each part's base64 checksum, computed here from the generated bytes. */
    private static List<String> partChecksums(ChecksumAlgorithm algorithm) {
        List<String> sums = new ArrayList<>();
        for (int i = 0; i < PART_SEEDS.length; i++) {
            byte[] part = generated(PART_SEEDS[i], PART_SIZES[i]);
            sums.add(algorithm == ChecksumAlgorithm.SHA256 ? Checksums.sha256Base64(part) : Checksums.crc32Base64(part));
        }
        return sums;
    }

    /** Base64 of the SHA-256 over the concatenated binary part digests: S3's composite checksum before "-N". */
    private static String sha256OfDecoded(List<String> partSums) {
        MessageDigest sha256 = sha256();
        partSums.forEach(sum -> sha256.update(Base64.getDecoder().decode(sum)));
        return Base64.getEncoder().encodeToString(sha256.digest());
    }

    /** CRC32 over all parts in order, as S3 sends it: base64 of its four big-endian bytes. */
    private static String crc32OfWholeContent() throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = wholeContent()) {
            byte[] buffer = new byte[1 << 20];
            for (int count = in.read(buffer); count > 0; count = in.read(buffer)) {
                crc.update(buffer, 0, count);
            }
        }
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static InputStream wholeContent() {
        InputStream all = InputStream.nullInputStream();
        for (int i = PART_SEEDS.length - 1; i >= 0; i--) {
            all = new SequenceInputStream(new GeneratedBody(PART_SEEDS[i], PART_SIZES[i]), all);
        }
        return all;
    }

    // parts are at most 5 MiB: small enough to hash in one piece in a test
    private static byte[] generated(long seed, int size) {
        try (InputStream in = new GeneratedBody(seed, size)) {
            return in.readNBytes(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unquoted(String etag) {
        // GetObjectAttributes gives the ETag without the quotes HEAD puts around it
        return etag == null ? null : etag.replace("\"", "");
    }

    private static String expected(ChecksumAlgorithm algorithm, byte[] body) {
        return switch (algorithm) {
            case CRC32 -> Checksums.crc32Base64(body);
            case CRC32_C -> Checksums.crc32cBase64(body);
            case SHA1 -> Checksums.sha1Base64(body);
            case SHA256 -> Checksums.sha256Base64(body);
            default -> throw new IllegalArgumentException("not tested: " + algorithm);
        };
    }

    private static String putChecksum(ChecksumAlgorithm algorithm, PutObjectResponse put) {
        return switch (algorithm) {
            case CRC32 -> put.checksumCRC32();
            case CRC32_C -> put.checksumCRC32C();
            case SHA1 -> put.checksumSHA1();
            case SHA256 -> put.checksumSHA256();
            default -> throw new IllegalArgumentException("not tested: " + algorithm);
        };
    }

    private static String getChecksum(ChecksumAlgorithm algorithm, GetObjectResponse get) {
        return switch (algorithm) {
            case CRC32 -> get.checksumCRC32();
            case CRC32_C -> get.checksumCRC32C();
            case SHA1 -> get.checksumSHA1();
            case SHA256 -> get.checksumSHA256();
            default -> throw new IllegalArgumentException("not tested: " + algorithm);
        };
    }

    private static String newBucket(String prefix) {
        String bucket = BlobpipeFixture.uniqueBucket(prefix);
        s3.createBucket(create -> create.bucket(bucket));
        return bucket;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }
}
