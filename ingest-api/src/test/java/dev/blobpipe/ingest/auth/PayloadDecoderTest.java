package dev.blobpipe.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Body decoding in every payload mode: what it hands out, what it refuses and when. */
class PayloadDecoderTest {
    private static final VerifiedRequest UNSIGNED =
            new VerifiedRequest("AK", PayloadMode.UNSIGNED, "UNSIGNED-PAYLOAD", null, null, null, null);
    private static final VerifiedRequest UNSIGNED_TRAILER = new VerifiedRequest("AK",
            PayloadMode.STREAMING_UNSIGNED_TRAILER, "STREAMING-UNSIGNED-PAYLOAD-TRAILER", null, null, null, null);

    @Test
    void signedBodyWithAChangedByteIsRefusedBeforeItsLastByte() throws IOException {
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.putObject());
        byte[] changed = "Welcome to Amazon S3!".getBytes(StandardCharsets.UTF_8);

        try (DecodedBody body = PayloadDecoder.decode(new ByteArrayInputStream(changed), verified, changed.length)) {
            byte[] buffer = new byte[changed.length];
            assertRefused(() -> body.read(buffer, 0, buffer.length), S3Error.X_AMZ_CONTENT_SHA256_MISMATCH);
        }
    }

    @Test
    void signedBodyWithAChangedByteIsRefusedAtEndWhenLengthUnknown() {
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.putObject());
        byte[] changed = "Welcome to Amazon S3!".getBytes(StandardCharsets.UTF_8);

        assertRefused(() -> PayloadDecoder.decode(new ByteArrayInputStream(changed), verified, -1).readAllBytes(),
                S3Error.X_AMZ_CONTENT_SHA256_MISMATCH);
    }

    @Test
    void signedBodyShorterThanDeclaredIsIncomplete() {
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.putObject());
        byte[] body = AwsExamples.WELCOME.getBytes(StandardCharsets.UTF_8);

        assertRefused(() -> PayloadDecoder.decode(new ByteArrayInputStream(body), verified, body.length + 1)
                .readAllBytes(), S3Error.INCOMPLETE_BODY);
    }

    @Test
    void bodyLongerThanDeclaredIsInvalid() {
        byte[] body = "0123456789".getBytes(StandardCharsets.US_ASCII);

        assertRefused(() -> PayloadDecoder.decode(new ByteArrayInputStream(body), UNSIGNED, 9).readAllBytes(),
                S3Error.INVALID_REQUEST);
    }

    @Test
    void unsignedBodyPassesThroughUnchanged() throws IOException {
        byte[] body = "anything at all".getBytes(StandardCharsets.US_ASCII);

        try (DecodedBody decoded = PayloadDecoder.decode(new ByteArrayInputStream(body), UNSIGNED, body.length)) {
            assertThat(decoded.readAllBytes()).isEqualTo(body);
            assertThat(decoded.read()).isEqualTo(-1);
        }
    }

    @Test
    void streamingChunkWithAChangedByteIsRefusedBeforeAnyOfItsBytesIsHandedOut() throws IOException {
        // given: one byte of the second (1 KiB) chunk changed
        byte[] raw = AwsExamples.chunkedBody();
        int secondChunkData = indexOf(raw, ("400;chunk-signature=" + AwsExamples.CHUNK2_SIGNATURE + "\r\n")
                .getBytes(StandardCharsets.US_ASCII)) + 86;
        raw[secondChunkData + 10] = 'b';
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.chunkedPut());

        // when: reading all we can
        long handedOut = 0;
        S3Exception refused = null;
        try (DecodedBody body = PayloadDecoder.decode(new ByteArrayInputStream(raw), verified, 66560)) {
            byte[] buffer = new byte[4096];
            for (int n = body.read(buffer, 0, buffer.length); n >= 0; n = body.read(buffer, 0, buffer.length)) {
                handedOut += n;
            }
        } catch (S3Exception e) {
            refused = e;
        }

        // then: exactly the first, intact chunk came out
        assertThat(refused).isNotNull();
        assertThat(refused.error()).isEqualTo(S3Error.SIGNATURE_DOES_NOT_MATCH);
        assertThat(handedOut).isEqualTo(65536);
    }

    @Test
    void streamingBodyWithADroppedChunkIsRefused() {
        String withoutSecondChunk = "10000;chunk-signature=" + AwsExamples.CHUNK1_SIGNATURE + "\r\n"
                + "a".repeat(65536) + "\r\n0;chunk-signature=" + AwsExamples.FINAL_CHUNK_SIGNATURE + "\r\n\r\n";
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.chunkedPut());

        assertRefused(() -> PayloadDecoder.decode(new ByteArrayInputStream(
                withoutSecondChunk.getBytes(StandardCharsets.US_ASCII)), verified, -1).readAllBytes(),
                S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void streamingBodyCutInsideAChunkIsIncomplete() {
        byte[] raw = Arrays.copyOf(AwsExamples.chunkedBody(), 66000);
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.chunkedPut());

        assertRefused(() -> PayloadDecoder.decode(new ByteArrayInputStream(raw), verified, -1).readAllBytes(),
                S3Error.INCOMPLETE_BODY);
    }

    @Test
    void streamingBodyEndingBeforeItsFinalChunkIsIncomplete() {
        byte[] full = AwsExamples.chunkedBody();
        byte[] raw = Arrays.copyOf(full, full.length - ("0;chunk-signature=" + AwsExamples.FINAL_CHUNK_SIGNATURE
                + "\r\n\r\n").length());
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.chunkedPut());

        assertRefused(() -> PayloadDecoder.decode(new ByteArrayInputStream(raw), verified, -1).readAllBytes(),
                S3Error.INCOMPLETE_BODY);
    }

    @Test
    void streamingBodyWithoutItsClosingEmptyLineIsIncomplete() {
        byte[] full = AwsExamples.chunkedBody();
        byte[] raw = Arrays.copyOf(full, full.length - 2);
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.chunkedPut());

        assertRefused(() -> PayloadDecoder.decode(new ByteArrayInputStream(raw), verified, -1).readAllBytes(),
                S3Error.INCOMPLETE_BODY);
    }

    @Test
    void streamingBodyShorterThanItsDecodedLengthIsIncomplete() {
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.chunkedPut());

        assertRefused(() -> PayloadDecoder.decode(new ByteArrayInputStream(AwsExamples.chunkedBody()), verified,
                66561).readAllBytes(), S3Error.INCOMPLETE_BODY);
    }

    @Test
    void streamingBodyLongerThanItsDecodedLengthIsInvalid() {
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.chunkedPut());

        assertRefused(() -> PayloadDecoder.decode(new ByteArrayInputStream(AwsExamples.chunkedBody()), verified,
                66559).readAllBytes(), S3Error.INVALID_REQUEST);
    }

    @Test
    void chunkLargerThanSixteenMebibytesIsRefusedWithoutBuffering() {
        String raw = "1000001;chunk-signature=" + AwsExamples.CHUNK1_SIGNATURE + "\r\n";
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.chunkedPut());

        assertRefused(() -> PayloadDecoder.decode(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)),
                verified, -1).read(), S3Error.INVALID_REQUEST);
    }

    @Test
    void trailingHeadersInAStreamWithoutTrailerAreRefused() {
        byte[] full = AwsExamples.chunkedBody();
        String raw = new String(full, 0, full.length - 2, StandardCharsets.US_ASCII)
                + "x-amz-checksum-crc32:AAAAAA==\r\n\r\n";
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.chunkedPut());

        assertRefused(() -> PayloadDecoder.decode(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)),
                verified, -1).readAllBytes(), S3Error.INVALID_REQUEST);
    }

    @Test
    void unsignedTrailerBodyDecodesAndExposesItsTrailers() throws IOException {
        String raw = "5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n";

        try (DecodedBody body = PayloadDecoder.decode(
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)), UNSIGNED_TRAILER, 11)) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello world");
            assertThat(body.trailers()).containsExactly(java.util.Map.entry("x-amz-checksum-crc32", "DUoRhQ=="));
        }
    }

    @Test
    void unsignedTrailerIsCompleteOnceTheDeclaredBytesAreRead() throws IOException {
        String raw = "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n";

        try (DecodedBody body = PayloadDecoder.decode(
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)), UNSIGNED_TRAILER, 5)) {
            byte[] buffer = new byte[5];
            assertThat(body.read(buffer, 0, 5)).isEqualTo(5);
            assertThat(body.trailers()).containsKey("x-amz-checksum-crc32");
        }
    }

    @Test
    void unsignedTrailerBodyWithATrailerSignatureIsRefused() {
        String raw = "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\nx-amz-trailer-signature:"
                + AwsExamples.CHUNK1_SIGNATURE + "\r\n\r\n";

        assertRefused(() -> PayloadDecoder.decode(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)),
                UNSIGNED_TRAILER, -1).readAllBytes(), S3Error.INVALID_REQUEST);
    }

    @Test
    void malformedChunkSizeIsRefused() {
        String raw = "zz\r\nhello\r\n0\r\n\r\n";

        assertRefused(() -> PayloadDecoder.decode(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)),
                UNSIGNED_TRAILER, -1).readAllBytes(), S3Error.INVALID_REQUEST);
    }

    @Test
    void chunkDataNotFollowedByCrlfIsRefused() {
        String raw = "5\r\nhelloXX0\r\n\r\n";

        assertRefused(() -> PayloadDecoder.decode(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)),
                UNSIGNED_TRAILER, -1).readAllBytes(), S3Error.INVALID_REQUEST);
    }

    @Test
    void refusedBodyKeepsRefusingOnLaterReads() throws IOException {
        byte[] raw = Arrays.copyOf(AwsExamples.chunkedBody(), 1000);
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.chunkedPut());

        try (DecodedBody body = PayloadDecoder.decode(new ByteArrayInputStream(raw), verified, -1)) {
            assertRefused(body::read, S3Error.INCOMPLETE_BODY);
            assertRefused(body::read, S3Error.INCOMPLETE_BODY);
        }
    }

    @Test
    void singleByteReadsDecodeTheSameAsBulkReads() throws IOException {
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.chunkedPut());

        try (InputStream body = PayloadDecoder.decode(new ByteArrayInputStream(AwsExamples.chunkedBody()),
                verified, 66560)) {
            int count = 0;
            for (int b = body.read(); b >= 0; b = body.read()) {
                assertThat(b).isEqualTo('a');
                count++;
            }
            assertThat(count).isEqualTo(66560);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private static void assertRefused(ThrowingCallable call, S3Error expected) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(expected));
    }
}
