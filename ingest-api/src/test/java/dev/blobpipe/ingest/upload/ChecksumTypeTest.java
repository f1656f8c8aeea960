package dev.blobpipe.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import org.junit.jupiter.api.Test;

class ChecksumTypeTest {
    @Test
    void defaultsAreCompositeExceptCrc64nvmeWhichIsFullObject() {
        assertThat(ChecksumType.forUpload(ChecksumAlgorithm.SHA256, null)).isEqualTo(ChecksumType.COMPOSITE);
        assertThat(ChecksumType.forUpload(ChecksumAlgorithm.CRC32C, null)).isEqualTo(ChecksumType.COMPOSITE);
        assertThat(ChecksumType.forUpload(ChecksumAlgorithm.CRC64NVME, null)).isEqualTo(ChecksumType.FULL_OBJECT);
        assertThat(ChecksumType.forUpload(null, null)).isNull();
    }

    @Test
    void fullObjectIsAllowedForCrcsOnly() {
        assertThat(ChecksumType.forUpload(ChecksumAlgorithm.CRC32, "full_object")).isEqualTo(ChecksumType.FULL_OBJECT);
        assertThat(ChecksumType.forUpload(ChecksumAlgorithm.CRC32C, "FULL_OBJECT"))
                .isEqualTo(ChecksumType.FULL_OBJECT);
        assertInvalid(ChecksumAlgorithm.SHA1, "FULL_OBJECT");
        assertInvalid(ChecksumAlgorithm.SHA256, "FULL_OBJECT");
    }

    @Test
    void compositeIsRefusedForCrc64nvme() {
        assertInvalid(ChecksumAlgorithm.CRC64NVME, "COMPOSITE");
    }

    @Test
    void typeWithoutAlgorithmOrUnknownTypeIsInvalidRequest() {
        assertInvalid(null, "COMPOSITE");
        assertInvalid(ChecksumAlgorithm.CRC32, "PARTIAL");
    }

    private static void assertInvalid(ChecksumAlgorithm algorithm, String type) {
        assertThatThrownBy(() -> ChecksumType.forUpload(algorithm, type))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_REQUEST));
    }
}
