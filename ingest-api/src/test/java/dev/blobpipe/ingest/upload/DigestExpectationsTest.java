package dev.blobpipe.ingest.upload;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import dev.blobpipe.schemas.ObjectMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestExpectationsTest {
    private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.US_ASCII);

    @Test
    void contentMd5OfWrongLengthIsInvalidDigest() {
        String fifteenBytes = Base64.getEncoder().encodeToString(new byte[15]);

        assertThatThrownBy(() -> DigestExpectations.of(request(fifteenBytes, null)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_DIGEST));
    }

    @Test
    void checksumHeaderOfWrongLengthIsInvalidRequest() {
        var checksum = new ExpectedChecksum(ChecksumAlgorithm.SHA256, "DUoRhQ==");

        assertThatThrownBy(() -> DigestExpectations.of(request(null, checksum)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_REQUEST));
    }

    @Test
    void matchingMd5AndTrailerChecksumPass() {
        var expectations = DigestExpectations.of(request("XrY7u+Ae7tCTyyK7j1rNww==",
                new ExpectedChecksum(ChecksumAlgorithm.CRC32, null)));
        var digests = digestsOfHello(expectations.algorithm());

        assertThatCode(() -> expectations.verify(digests, Map.of("x-amz-checksum-crc32", "DUoRhQ==")))
                .doesNotThrowAnyException();
    }

    @Test
    void mismatchingMd5IsBadDigest() {
        var expectations = DigestExpectations.of(request(Base64.getEncoder().encodeToString(new byte[16]), null));
        var digests = digestsOfHello(expectations.algorithm());

        assertThatThrownBy(() -> expectations.verify(digests, Map.of()))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.BAD_DIGEST));
    }

    @Test
    void crc64nvmeTrailerIsVerified() {
        var checksum = new ExpectedChecksum(ChecksumAlgorithm.CRC64NVME, null);
        var expectations = DigestExpectations.of(request(null, checksum));
        var digests = digestsOfHello(expectations.algorithm());

        assertThatCode(() -> expectations.verify(digests, Map.of("x-amz-checksum-crc64nvme", "jSnVw/bqjr4=")))
                .doesNotThrowAnyException();
        assertThat(digests.checksumBase64()).isEqualTo("jSnVw/bqjr4=");
        assertThatThrownBy(() -> expectations.verify(digests, Map.of("x-amz-checksum-crc64nvme", "jSnVw/bqjr8=")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.BAD_DIGEST));
    }

    @Test
    void computedOnlyChecksumIsStoredWithoutExpectation() {
        var expectations = DigestExpectations.of(request(null, ExpectedChecksum.computed(ChecksumAlgorithm.CRC32C)));
        var digests = digestsOfHello(expectations.algorithm());

        assertThatCode(() -> expectations.verify(digests, Map.of())).doesNotThrowAnyException();
        assertThat(digests.checksumBase64()).isEqualTo("yZRlqg==");
    }

    private static BodyDigests digestsOfHello(ChecksumAlgorithm algorithm) {
        var digests = new BodyDigests(algorithm);
        digests.update(HELLO, 0, HELLO.length);
        digests.finish();
        return digests;
    }

    private static UploadRequest request(String md5, ExpectedChecksum checksum) {
        return new UploadRequest("bucket", "key", HELLO.length, ObjectMetadata.EMPTY, md5, checksum);
    }
}
