package dev.blobpipe.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The S3 SigV4 documentation's own examples verify, signature for signature. */
class AwsDocumentationVectorsTest {

    @Test
    void getObjectWithRangeExampleVerifies() {
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.getObject());

        assertThat(verified.accessKeyId()).isEqualTo(AwsExamples.ACCESS_KEY);
        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.SIGNED);
        assertThat(verified.contentSha256()).isEqualTo(AwsExamples.EMPTY_SHA256);
        assertThat(verified.signingKey()).isNull();
    }

    @Test
    void presignedGetObjectExampleVerifiesAsUnsignedPayload() {
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.presignedGetObject());

        assertThat(verified.accessKeyId()).isEqualTo(AwsExamples.ACCESS_KEY);
        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(verified.contentSha256()).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(verified.signingKey()).isNull();
    }

    @Test
    void putObjectExampleVerifiesAndItsBodyDecodes() throws IOException {
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.putObject());

        byte[] body = AwsExamples.WELCOME.getBytes(StandardCharsets.UTF_8);
        try (DecodedBody decoded = PayloadDecoder.decode(new ByteArrayInputStream(body), verified, body.length)) {
            assertThat(decoded.readAllBytes()).isEqualTo(body);
            assertThat(decoded.trailers()).isEmpty();
        }
    }

    @Test
    void getBucketLifecycleExampleVerifies() {
        assertThat(AwsExamples.verifier().verify(AwsExamples.getBucketLifecycle()).payloadMode())
                .isEqualTo(PayloadMode.SIGNED);
    }

    @Test
    void listObjectsExampleVerifies() {
        assertThat(AwsExamples.verifier().verify(AwsExamples.listObjects()).payloadMode())
                .isEqualTo(PayloadMode.SIGNED);
    }

    @Test
    void listObjectsExampleVerifiesWithItsQueryParametersInAnyOrder() {
        SignedRequest reordered = AwsExamples.request("GET", "/", "prefix=J&max-keys=2",
                AwsExamples.listObjects().headers());

        assertThat(AwsExamples.verifier().verify(reordered).accessKeyId()).isEqualTo(AwsExamples.ACCESS_KEY);
    }

    @Test
    void chunkedUploadSeedSignatureVerifiesAndStartsTheChain() {
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.chunkedPut());

        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.STREAMING_SIGNED);
        assertThat(verified.seedSignature()).isEqualTo(AwsExamples.SEED_SIGNATURE);
        assertThat(verified.timestamp()).isEqualTo("20130524T000000Z");
        assertThat(verified.scope()).isEqualTo("20130524/us-east-1/s3/aws4_request");
        assertThat(verified.signingKey()).hasSize(32);
    }

    @Test
    void chunkedUploadBodyDecodesWithEveryChunkSignatureChecked() throws IOException {
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.chunkedPut());
        byte[] raw = AwsExamples.chunkedBody();
        assertThat(raw).hasSize(66824);

        try (DecodedBody decoded = PayloadDecoder.decode(new ByteArrayInputStream(raw), verified, 66560)) {
            byte[] data = readInSmallPieces(decoded);

            assertThat(data).hasSize(66560);
            assertThat(new String(data, StandardCharsets.US_ASCII)).isEqualTo("a".repeat(66560));
        }
    }

    @Test
    void chunkedUploadBodyDecodesWithoutADeclaredLength() throws IOException {
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.chunkedPut());

        try (DecodedBody decoded = PayloadDecoder.decode(
                new ByteArrayInputStream(AwsExamples.chunkedBody()), verified, -1)) {
            assertThat(decoded.readAllBytes()).hasSize(66560);
        }
    }

    private static byte[] readInSmallPieces(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[1000];
        for (int n = in.read(buffer, 0, buffer.length); n >= 0; n = in.read(buffer, 0, buffer.length)) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
