package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.Checksums;
import dev.blobpipe.cli.testing.GeneratedBody;
import dev.blobpipe.cli.testing.RawResponse;
import dev.blobpipe.cli.testing.SignedHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * PutObject sent with {@code Transfer-Encoding: chunked} and no Content-Length (as curl, Ceph RGW clients and
 * streaming HTTP libraries send a body of unknown length), written by hand on a socket: the object is stored whole and
 * reads back identical.
 */
class ChunkedPutTest {
    private static final int MIB = 1 << 20;
    /** Over two ingest chunks, and not a multiple of any HTTP chunk size used below. */
    private static final int SIZE = 2 * MIB + MIB / 2 + 17;

    private static BlobpipeFixture fixture;
    private static S3Client s3;
    private static SignedHttp http;

    @BeforeAll
    static void start() {
        fixture = BlobpipeFixture.shared();
        s3 = fixture.client();
        http = fixture.signedHttp();
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @Test
    void chunkedPutWithUnsignedPayloadReadsBackIdentical() throws IOException {
        // given
        String bucket = newBucket("unsigned");
        byte[] body = generated(21, SIZE);
        SdkHttpRequest request = signWithoutContentLength(bucket, "streamed", null);

        // when
        RawResponse response = http.sendRaw(new SignedHttp.Signed(request, chunked(body)), Integer.MAX_VALUE);

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.header("ETag")).hasValue(Checksums.etag(body));
        assertStoredExactly(bucket, "streamed", body);
    }

    @Test
    void chunkedPutWithSignedPayloadHashReadsBackIdentical() throws IOException {
        // given: the client knew the body's SHA-256 but not, on the wire, its length
        String bucket = newBucket("signed");
        byte[] body = generated(22, SIZE);
        SdkHttpRequest request = signWithoutContentLength(bucket, "streamed", body);

        // when
        RawResponse response = http.sendRaw(new SignedHttp.Signed(request, chunked(body)), Integer.MAX_VALUE);

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertStoredExactly(bucket, "streamed", body);
    }

    @Test
    void emptyChunkedPutStoresAnEmptyObject() throws IOException {
        // given: only the terminating zero-size chunk
        String bucket = newBucket("empty");
        SdkHttpRequest request = signWithoutContentLength(bucket, "empty", null);

        // when
        RawResponse response = http.sendRaw(new SignedHttp.Signed(request, chunked(new byte[0])), Integer.MAX_VALUE);

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertStoredExactly(bucket, "empty", new byte[0]);
    }

    private static void assertStoredExactly(String bucket, String key, byte[] body) throws IOException {
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(key));
        assertThat(head.contentLength()).isEqualTo(body.length);
        assertThat(head.eTag()).isEqualTo(Checksums.etag(body));
        try (ResponseInputStream<GetObjectResponse> get = s3.getObject(g -> g.bucket(bucket).key(key))) {
            assertThat(Checksums.sha256Hex(get)).isEqualTo(Checksums.sha256Hex(body));
        }
    }

    /**
     * A PUT signed with Transfer-Encoding: chunked and no Content-Length: UNSIGNED-PAYLOAD when {@code signedBody} is
     * null, else the hex SHA-256 of it. SignedHttp always declares a Content-Length, so this signs by itself.
     */
    private static SdkHttpRequest signWithoutContentLength(String bucket, String key, byte[] signedBody) {
        SdkHttpRequest unsigned = http.request(SdkHttpMethod.PUT, "/" + bucket + "/" + key)
                .putHeader("Transfer-Encoding", "chunked")
                .putHeader("Content-Type", "application/octet-stream")
                .build();
        // over http the signer hashes any payload it is given; without one it writes UNSIGNED-PAYLOAD
        SignedRequest signed = AwsV4HttpSigner.create().sign(signing -> signing
                .identity(AwsCredentialsIdentity.create(BlobpipeFixture.ACCESS_KEY, BlobpipeFixture.SECRET_KEY))
                .request(unsigned)
                .payload(signedBody == null ? null : ContentStreamProvider.fromByteArray(signedBody))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signedBody != null));
        SdkHttpRequest request = signed.request();
        assertThat(request.firstMatchingHeader("Content-Length")).as("the request must carry no length").isEmpty();
        assertThat(request.firstMatchingHeader("x-amz-content-sha256"))
                .hasValue(signedBody == null ? "UNSIGNED-PAYLOAD" : Checksums.sha256Hex(signedBody));
        return request;
    }

    /** HTTP/1.1 chunked encoding of {@code body} in chunks of varying sizes, then the zero-size last chunk. */
    private static byte[] chunked(byte[] body) {
        int[] sizes = {1, 1000, 64 * 1024, 7, MIB + 3, 300_000};
        ByteArrayOutputStream wire = new ByteArrayOutputStream(body.length + 1024);
        int offset = 0;
        for (int i = 0; offset < body.length; i++) {
            int size = Math.min(sizes[i % sizes.length], body.length - offset);
            wire.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            wire.write(body, offset, size);
            wire.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            offset += size;
        }
        wire.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return wire.toByteArray();
    }

    private static byte[] generated(long seed, int size) throws IOException {
        try (InputStream in = new GeneratedBody(seed, size)) {
            return in.readAllBytes();
        }
    }

    private static String newBucket(String prefix) {
        String bucket = BlobpipeFixture.uniqueBucket("chunked-" + prefix);
        s3.createBucket(create -> create.bucket(bucket));
        return bucket;
    }
}
