package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.Checksums;
import dev.blobpipe.cli.testing.GeneratedBody;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A 200 MiB object streamed up and down with the SDK's defaults (aws-chunked, signed chunks, CRC32 trailer); neither
 * side holds it in memory: the body is generated and the download is hashed as it arrives.
 */
class LargeObjectTest {
    private static final long MIB = 1L << 20;
    private static final long SEED = 20_260_126L;
    private static final long SIZE = 200 * MIB;
    private static final S3Client s3 = BlobpipeFixture.shared().sharedClient();
    private static String bucket;

    @BeforeAll
    static void upload() {
        bucket = BlobpipeFixture.uniqueBucket("large");
        s3.createBucket(create -> create.bucket(bucket));
        // a content provider, so that the SDK can re-open the body on a retry
        s3.putObject(put -> put.bucket(bucket).key("big.bin"),
                RequestBody.fromContentProvider(() -> new GeneratedBody(SEED, SIZE), SIZE, "application/octet-stream"));
    }

    @Test
    void largeObjectDownloadsWithTheSameSha256() throws IOException {
        // given: the uploaded 200 MiB object
        String expected = GeneratedBody.sha256(SEED, SIZE);

        // when
        String actual;
        long length;
        try (ResponseInputStream<GetObjectResponse> download = s3.getObject(get -> get.bucket(bucket).key("big.bin"))) {
            length = download.response().contentLength();
            actual = Checksums.sha256Hex(download);
        }

        // then
        assertThat(length).isEqualTo(SIZE);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void largeObjectIsListedWithItsSize() {
        // given: the uploaded 200 MiB object

        // when
        var listed = s3.listObjectsV2(list -> list.bucket(bucket)).contents();

        // then
        assertThat(listed).extracting(S3Object::key, S3Object::size).containsExactly(
                tuple("big.bin", SIZE));
        assertThat(s3.headObject(head -> head.bucket(bucket).key("big.bin")).contentLength()).isEqualTo(SIZE);
    }

    @Test
    void rangeInTheMiddleOfALargeObjectIsExact() throws IOException {
        // given: a 1 MiB range that starts mid-chunk, 100 MiB + 12,345 bytes in
        long first = 100 * MIB + 12_345;
        long last = first + MIB - 1;

        // when
        byte[] read;
        GetObjectResponse response;
        try (ResponseInputStream<GetObjectResponse> download = s3.getObject(
                get -> get.bucket(bucket).key("big.bin").range("bytes=" + first + "-" + last))) {
            response = download.response();
            read = download.readAllBytes();
        }

        // then
        assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(206);
        assertThat(response.contentRange()).isEqualTo("bytes " + first + "-" + last + "/" + SIZE);
        assertThat(read).hasSize((int) MIB);
        assertThat(read).isEqualTo(expectedSlice(first, (int) MIB));
    }

    private static byte[] expectedSlice(long offset, int length) throws IOException {
        try (InputStream body = new GeneratedBody(SEED, SIZE)) {
            body.skipNBytes(offset);
            return body.readNBytes(length);
        }
    }
}
