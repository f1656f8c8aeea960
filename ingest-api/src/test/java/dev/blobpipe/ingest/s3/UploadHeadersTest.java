package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.ingest.upload.Acknowledgement;
import dev.blobpipe.ingest.upload.ChecksumAlgorithm;
import dev.blobpipe.ingest.upload.ExpectedChecksum;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class UploadHeadersTest {

    @Test
    void decodedLengthPrefersTheAwsChunkedHeader() {
        assertThat(headers("content-length", "200", "x-amz-decoded-content-length", "100").decodedLength())
                .isEqualTo(100);
        assertThat(headers("content-length", "200").decodedLength()).isEqualTo(200);
        assertThat(headers("transfer-encoding", "chunked", "x-amz-decoded-content-length", "7").decodedLength())
                .isEqualTo(7);
    }

    @Test
    void missingLengthIsMissingContentLengthAndChunkedIsUnknownLength() {
        assertError(() -> headers().decodedLength(), S3Error.MISSING_CONTENT_LENGTH);
        assertThat(headers("transfer-encoding", "chunked").decodedLength()).isEqualTo(-1);
        assertError(() -> headers("transfer-encoding", "gzip").decodedLength(), S3Error.MISSING_CONTENT_LENGTH);
        assertError(() -> headers("x-amz-decoded-content-length", "-1").decodedLength(), S3Error.INVALID_ARGUMENT);
    }

    @Test
    void moreThanFiveGibibytesIsEntityTooLarge() {
        assertThat(headers("content-length", String.valueOf(5L << 30)).decodedLength()).isEqualTo(5L << 30);
        assertError(() -> headers("content-length", String.valueOf((5L << 30) + 1)).decodedLength(),
                S3Error.ENTITY_TOO_LARGE);
    }

    @Test
    void ackHeaderOverridesTheBucketDefaultEitherWayAndAnUnknownValueIsInvalidArgument() {
        assertThat(headers().acknowledgement(Acknowledgement.DURABLE)).isEqualTo(Acknowledgement.DURABLE);
        assertThat(headers("x-blobpipe-ack", "durable").acknowledgement(Acknowledgement.VISIBLE))
                .isEqualTo(Acknowledgement.DURABLE);
        assertThat(headers("x-blobpipe-ack", " Visible ").acknowledgement(Acknowledgement.DURABLE))
                .isEqualTo(Acknowledgement.VISIBLE);
        assertError(() -> headers("x-blobpipe-ack", "acks=all").acknowledgement(Acknowledgement.VISIBLE),
                S3Error.INVALID_ARGUMENT);
    }

    @Test
    void keysOverOneKibibyteOfUtf8AreTooLong() {
        UploadHeaders.requireKeyLength("k".repeat(1024));
        assertError(() -> UploadHeaders.requireKeyLength("é".repeat(513)), S3Error.KEY_TOO_LONG);
    }

    @Test
    void metadataTakesContentHeadersAndUserMetadata() {
        var metadata = headers("content-type", "image/png", "content-encoding", "aws-chunked, gzip",
                "cache-control", "no-cache", "content-disposition", "inline", "expires", "Thu, 01 Dec 1994 16:00:00 GMT",
                "x-amz-meta-camera", "x100", "x-amz-meta-lens", "35mm").metadata();

        assertThat(metadata.contentType()).isEqualTo("image/png");
        assertThat(metadata.contentEncoding()).isEqualTo("gzip");
        assertThat(metadata.cacheControl()).isEqualTo("no-cache");
        assertThat(metadata.contentDisposition()).isEqualTo("inline");
        assertThat(metadata.expires()).startsWith("Thu");
        assertThat(metadata.userMetadata()).containsExactlyInAnyOrderEntriesOf(Map.of("camera", "x100", "lens", "35mm"));
    }

    @Test
    void contentTypeDefaultsAndAwsChunkedAloneLeavesNoEncoding() {
        var metadata = headers("content-encoding", "aws-chunked").metadata();

        assertThat(metadata.contentType()).isEqualTo("binary/octet-stream");
        assertThat(metadata.contentEncoding()).isNull();
    }

    @Test
    void userMetadataOverTwoKibibytesIsMetadataTooLarge() {
        headers("x-amz-meta-a", "v".repeat(2047)).metadata();
        assertError(() -> headers("x-amz-meta-a", "v".repeat(2048)).metadata(), S3Error.METADATA_TOO_LARGE);
    }

    @Test
    void contentMd5MustBeSixteenBytesOfBase64() {
        assertThat(headers("content-md5", "1B2M2Y8AsgTpgAmY7PhCfg==").contentMd5()).isEqualTo("1B2M2Y8AsgTpgAmY7PhCfg==");
        assertThat(headers().contentMd5()).isNull();
        assertError(() -> headers("content-md5", "AAAA").contentMd5(), S3Error.INVALID_DIGEST);
        assertError(() -> headers("content-md5", "not base64!").contentMd5(), S3Error.INVALID_DIGEST);
    }

    @Test
    void checksumFromAHeaderOrAnnouncedTrailer() {
        assertThat(headers("x-amz-checksum-crc32c", "sOO8/Q==", "x-amz-sdk-checksum-algorithm", "CRC32C").checksum())
                .isEqualTo(new ExpectedChecksum(ChecksumAlgorithm.CRC32C, "sOO8/Q=="));
        assertThat(headers("x-amz-trailer", "x-amz-checksum-crc32", "x-amz-sdk-checksum-algorithm", "CRC32")
                .checksum()).isEqualTo(new ExpectedChecksum(ChecksumAlgorithm.CRC32, null));
        assertThat(headers("x-amz-checksum-mode", "ENABLED").checksum()).isNull();
        assertThat(headers("x-amz-checksum-crc64nvme", "rosUhgp5mIg=").checksum())
                .isEqualTo(new ExpectedChecksum(ChecksumAlgorithm.CRC64NVME, "rosUhgp5mIg="));
    }

    @Test
    void checksumHeadersThatPromiseNothingCheckableAreRefused() {
        assertError(() -> headers("x-amz-checksum-crc32", "a", "x-amz-checksum-sha1", "b").checksum(),
                S3Error.INVALID_REQUEST);
        assertError(() -> headers("x-amz-sdk-checksum-algorithm", "CRC32").checksum(), S3Error.INVALID_REQUEST);
        assertError(() -> headers("x-amz-checksum-xxhash64", "AAAAAAAAAAA=").checksum(), S3Error.NOT_IMPLEMENTED);
    }

    private static UploadHeaders headers(String... namesAndValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return new UploadHeaders(headers);
    }

    private static void assertError(ThrowingCallable call, S3Error expected) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(expected));
    }
}
