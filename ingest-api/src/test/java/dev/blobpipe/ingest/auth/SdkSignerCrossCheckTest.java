package dev.blobpipe.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;

/** Requests and bodies signed by the real AWS SDK v2 signer verify and decode. */
class SdkSignerCrossCheckTest {
    private static final byte[] EMPTY = new byte[0];

    @ParameterizedTest
    @ValueSource(strings = {"plain.txt", "with space.txt", "a+b=c&d", "100%", "100%25 literal", "é/ü/日本語.bin",
            "emoji 😀", "a//b", "/leading", "trailing/", "dots/./../x", "~tilde_under-dot.", "!*'(),;:@$",
            "q?uestion#hash", "tab\tand\nnewline"})
    void keyWithAwkwardCharactersVerifiesWhenSignedBySdk(String key) {
        SdkSigner.Signed signed = SdkSigner.sign(SdkHttpMethod.GET, SdkSigner.pathOf("bucket", key), Map.of(),
                EMPTY, SdkSigner.Body.SIGNED);

        VerifiedRequest verified = SdkSigner.verifier().verify(signed.request());

        assertThat(verified.accessKeyId()).isEqualTo(SdkSigner.ACCESS_KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a+b", "é ü", "x(1)!", "a%b", "a~b"})
    void keyVerifiesWhenTheClientEscapesItDifferentlyOnTheWireThanItSigned(String key) {
        // given: signed over the SDK's encoding, but sent with '+', unicode, '(' ... raw and hex in lower case
        SdkSigner.Signed signed = SdkSigner.sign(SdkHttpMethod.GET, SdkSigner.pathOf("bucket", key), Map.of(),
                EMPTY, SdkSigner.Body.SIGNED);
        String wirePath = "/bucket/" + key.replace(" ", "%20").replace("%b", "%25b");
        SignedRequest sent = new SignedRequest("GET", lowerCaseHex(wirePath), null, signed.request().headers());

        // when / then
        assertThat(SdkSigner.verifier().verify(sent).accessKeyId()).isEqualTo(SdkSigner.ACCESS_KEY);
    }

    @Test
    void pathWithEscapedUnreservedCharactersVerifiesWhenSignedInAwsCanonicalForm() {
        // given: the client signed "/bucket/a~b" (AWS UriEncode) but sent "/bucket/a%7Eb"
        SdkSigner.Signed signed = SdkSigner.sign(SdkHttpMethod.GET, "/bucket/a~b", Map.of(), EMPTY,
                SdkSigner.Body.SIGNED);
        SignedRequest sent = new SignedRequest("GET", "/bucket/a%7Eb", null, signed.request().headers());

        assertThat(SdkSigner.verifier().verify(sent).accessKeyId()).isEqualTo(SdkSigner.ACCESS_KEY);
    }

    @Test
    void listQueryWithEncodedPrefixVerifiesWhenSignedBySdk() {
        SdkSigner.Signed signed = SdkSigner.sign(SdkHttpMethod.GET, "/bucket", Map.of(
                "list-type", "2", "prefix", "photos/2024 summer+é", "delimiter", "/", "encoding-type", "url"),
                EMPTY, SdkSigner.Body.SIGNED);

        assertThat(SdkSigner.verifier().verify(signed.request()).accessKeyId()).isEqualTo(SdkSigner.ACCESS_KEY);
    }

    @Test
    void sdkSignedRequestWithAChangedHeaderIsRefused() {
        SdkSigner.Signed signed = SdkSigner.sign(SdkHttpMethod.PUT, SdkSigner.pathOf("bucket", "k"), Map.of(),
                EMPTY, SdkSigner.Body.SIGNED);
        SignedRequest changed = AwsExamples.withHeader(signed.request(), "x-amz-meta-note", "other");

        assertThatThrownBy(() -> SdkSigner.verifier().verify(changed))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.SIGNATURE_DOES_NOT_MATCH));
    }

    @ParameterizedTest
    @EnumSource(SdkSigner.Body.class)
    void sdkBodyDecodesToWhatWasSentInEveryPayloadMode(SdkSigner.Body mode) throws IOException {
        // given: 300 KiB + 5 bytes, more than two of the SDK's 128 KiB chunks
        byte[] data = randomBytes(300 * 1024 + 5);
        SdkSigner.Signed signed = SdkSigner.sign(SdkHttpMethod.PUT, SdkSigner.pathOf("bucket", "big object"),
                Map.of(), data, mode);

        // when
        VerifiedRequest verified = SdkSigner.verifier().verify(signed.request());
        byte[] decoded;
        Map<String, String> trailers;
        try (DecodedBody body = PayloadDecoder.decode(new ByteArrayInputStream(signed.wireBody()), verified,
                data.length)) {
            decoded = body.readAllBytes();
            trailers = body.trailers();
        }

        // then
        assertThat(decoded).isEqualTo(data);
        if (mode == SdkSigner.Body.STREAMING_SIGNED_CRC32_TRAILER
                || mode == SdkSigner.Body.STREAMING_UNSIGNED_CRC32_TRAILER) {
            assertThat(trailers).containsOnlyKeys("x-amz-checksum-crc32");
            assertThat(trailers.get("x-amz-checksum-crc32")).isEqualTo(crc32Base64(data));
        } else {
            assertThat(trailers).isEmpty();
        }
    }

    @Test
    void sdkSignedTrailerBodyIsRefusedWhenTheTrailerChecksumIsChanged() {
        byte[] data = "some bytes".getBytes(StandardCharsets.UTF_8);
        SdkSigner.Signed signed = SdkSigner.sign(SdkHttpMethod.PUT, SdkSigner.pathOf("bucket", "k"), Map.of(),
                data, SdkSigner.Body.STREAMING_SIGNED_CRC32_TRAILER);
        String wire = new String(signed.wireBody(), StandardCharsets.ISO_8859_1);
        String forged = wire.replace(crc32Base64(data), crc32Base64("other bytes".getBytes(StandardCharsets.UTF_8)));
        assertThat(forged).isNotEqualTo(wire);
        VerifiedRequest verified = SdkSigner.verifier().verify(signed.request());

        assertThatThrownBy(() -> PayloadDecoder.decode(
                new ByteArrayInputStream(forged.getBytes(StandardCharsets.ISO_8859_1)), verified, -1).readAllBytes())
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.SIGNATURE_DOES_NOT_MATCH));
    }

    @Test
    void sdkSignedTrailerBodyIsRefusedWithoutItsTrailerSignature() {
        byte[] data = "some bytes".getBytes(StandardCharsets.UTF_8);
        SdkSigner.Signed signed = SdkSigner.sign(SdkHttpMethod.PUT, SdkSigner.pathOf("bucket", "k"), Map.of(),
                data, SdkSigner.Body.STREAMING_SIGNED_CRC32_TRAILER);
        String wire = new String(signed.wireBody(), StandardCharsets.ISO_8859_1);
        String stripped = wire.replaceAll("x-amz-trailer-signature:[0-9a-f]{64}\r\n", "");
        assertThat(stripped).isNotEqualTo(wire);
        VerifiedRequest verified = SdkSigner.verifier().verify(signed.request());

        assertThatThrownBy(() -> PayloadDecoder.decode(
                new ByteArrayInputStream(stripped.getBytes(StandardCharsets.ISO_8859_1)), verified, -1).readAllBytes())
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.SIGNATURE_DOES_NOT_MATCH));
    }

    private static String lowerCaseHex(String path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            out.append(i > 0 && path.charAt(i - 1) == '%' || i > 1 && path.charAt(i - 2) == '%'
                    ? Character.toLowerCase(c) : c);
        }
        return out.toString();
    }

    static String crc32Base64(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
