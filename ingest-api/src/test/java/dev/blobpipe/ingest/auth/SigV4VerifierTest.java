package dev.blobpipe.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the verifier refuses, and with which S3 error. */
class SigV4VerifierTest {

    @Test
    void rejectsChangedSignedHeader() {
        SignedRequest changed = AwsExamples.withHeader(AwsExamples.getObject(), "range", "bytes=0-10");

        assertRefused(() -> AwsExamples.verifier().verify(changed), S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void rejectsChangedDate() {
        SignedRequest changed = AwsExamples.withHeader(AwsExamples.getObject(), "x-amz-date", "20130524T000001Z");

        assertRefused(() -> AwsExamples.verifier().verify(changed), S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void rejectsChangedPath() {
        SignedRequest original = AwsExamples.getObject();
        SignedRequest changed = AwsExamples.request("GET", "/test.txu", null, original.headers());

        assertRefused(() -> AwsExamples.verifier().verify(changed), S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void rejectsChangedQuery() {
        SignedRequest changed = AwsExamples.request("GET", "/", "max-keys=3&prefix=J",
                AwsExamples.listObjects().headers());

        assertRefused(() -> AwsExamples.verifier().verify(changed), S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void rejectsChangedMethod() {
        SignedRequest changed = AwsExamples.request("DELETE", "/test.txt", null, AwsExamples.getObject().headers());

        assertRefused(() -> AwsExamples.verifier().verify(changed), S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void rejectsChangedPayloadHash() {
        SignedRequest changed = AwsExamples.withHeader(AwsExamples.putObject(), "x-amz-content-sha256",
                AwsExamples.EMPTY_SHA256);

        assertRefused(() -> AwsExamples.verifier().verify(changed), S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void rejectsWrongSecret() {
        SigV4Verifier verifier = new SigV4Verifier(
                CredentialStore.single(AwsExamples.ACCESS_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEz"),
                Clock.fixed(AwsExamples.TIME, ZoneOffset.UTC));

        assertRefused(() -> verifier.verify(AwsExamples.getObject()), S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void rejectsUnknownAccessKey() {
        SigV4Verifier verifier = new SigV4Verifier(CredentialStore.single("OTHER", AwsExamples.SECRET_KEY),
                Clock.fixed(AwsExamples.TIME, ZoneOffset.UTC));

        assertRefused(() -> verifier.verify(AwsExamples.getObject()), S3Error.INVALID_ACCESS_KEY_ID);
    }

    @Test
    void rejectsRequestMoreThanFifteenMinutesOld() {
        SigV4Verifier later = AwsExamples.verifierAt(AwsExamples.TIME.plus(Duration.ofMinutes(15).plusSeconds(1)));

        assertRefused(() -> later.verify(AwsExamples.getObject()), S3Error.REQUEST_TIME_TOO_SKEWED);
    }

    @Test
    void rejectsRequestMoreThanFifteenMinutesAhead() {
        SigV4Verifier earlier = AwsExamples.verifierAt(AwsExamples.TIME.minus(Duration.ofMinutes(16)));

        assertRefused(() -> earlier.verify(AwsExamples.getObject()), S3Error.REQUEST_TIME_TOO_SKEWED);
    }

    @Test
    void acceptsRequestExactlyFifteenMinutesOld() {
        SigV4Verifier later = AwsExamples.verifierAt(AwsExamples.TIME.plus(Duration.ofMinutes(15)));

        assertThat(later.verify(AwsExamples.getObject()).accessKeyId()).isEqualTo(AwsExamples.ACCESS_KEY);
    }

    @Test
    void rejectsRequestWithoutAuthorizationAsAccessDenied() {
        SignedRequest anonymous = AwsExamples.withoutHeader(AwsExamples.getObject(), "authorization");

        assertRefused(() -> AwsExamples.verifier().verify(anonymous), S3Error.ACCESS_DENIED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "AWS4-HMAC-SHA256",
        "AWS4-HMAC-SHA512 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host",
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3, SignedHeaders=host, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/ec2/aws4_request, SignedHeaders=host, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/2013-05-24/us-east-1/s3/aws4_request, SignedHeaders=host, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, "
                + "Signature=f0e8bdb87c",
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=Host, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41, Signature=00",
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=range;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    })
    void rejectsMalformedAuthorizationHeader(String authorization) {
        SignedRequest malformed = AwsExamples.withHeader(AwsExamples.getObject(), "authorization", authorization);

        assertRefused(() -> AwsExamples.verifier().verify(malformed), S3Error.AUTHORIZATION_HEADER_MALFORMED);
    }

    @Test
    void rejectsSignatureVersion2AsUnsupported() {
        SignedRequest v2 = AwsExamples.withHeader(AwsExamples.getObject(), "authorization",
                "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU=");

        assertRefused(() -> AwsExamples.verifier().verify(v2), S3Error.INVALID_REQUEST);
    }

    @Test
    void rejectsCredentialDateOtherThanRequestDate() {
        SignedRequest original = AwsExamples.getObject();
        SignedRequest otherDay = AwsExamples.withHeader(original, "authorization",
                original.header("authorization").replace("/20130524/", "/20130525/"));

        assertRefused(() -> AwsExamples.verifier().verify(otherDay), S3Error.AUTHORIZATION_HEADER_MALFORMED);
    }

    @Test
    void rejectsAuthorizationHeaderTogetherWithQueryAuthentication() {
        SignedRequest both = AwsExamples.withHeader(AwsExamples.presignedGetObject(), "authorization",
                AwsExamples.getObject().header("authorization"));

        assertRefused(() -> AwsExamples.verifier().verify(both), S3Error.INVALID_ARGUMENT);
    }

    @Test
    void rejectsSecurityTokenHeaderAsAccessDenied() {
        SignedRequest withToken = AwsExamples.withHeader(AwsExamples.getObject(), "x-amz-security-token", "token");

        assertRefused(() -> AwsExamples.verifier().verify(withToken), S3Error.ACCESS_DENIED);
    }

    @Test
    void rejectsSignatureVersion2QueryAuthenticationAsInvalidRequest() {
        SignedRequest v2 = AwsExamples.request("GET", "/test.txt",
                "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1369353600&Signature=vjbyPxybdZaNmGa%2ByT272YEAiv4%3D",
                AwsExamples.headers("host", "examplebucket.s3.amazonaws.com"));

        assertRefused(() -> AwsExamples.verifier().verify(v2), S3Error.INVALID_REQUEST);
    }

    @Test
    void rejectsMissingContentSha256AsInvalidRequest() {
        SignedRequest missing = AwsExamples.withoutHeader(AwsExamples.getObject(), "x-amz-content-sha256");

        assertRefused(() -> AwsExamples.verifier().verify(missing), S3Error.INVALID_REQUEST);
    }

    @Test
    void rejectsUnknownContentSha256AsInvalidArgument() {
        SignedRequest unknown = AwsExamples.withHeader(AwsExamples.getObject(), "x-amz-content-sha256", "abc");

        assertRefused(() -> AwsExamples.verifier().verify(unknown), S3Error.INVALID_ARGUMENT);
    }

    @Test
    void rejectsRequestWithoutAnyDateAsAccessDenied() {
        SignedRequest undated = AwsExamples.withoutHeader(AwsExamples.getObject(), "x-amz-date");

        assertRefused(() -> AwsExamples.verifier().verify(undated), S3Error.ACCESS_DENIED);
    }

    @Test
    void rejectsUnparseableXAmzDateAsAccessDenied() {
        SignedRequest garbled = AwsExamples.withHeader(AwsExamples.getObject(), "x-amz-date", "2013-05-24T00:00Z");

        assertRefused(() -> AwsExamples.verifier().verify(garbled), S3Error.ACCESS_DENIED);
    }

    @Test
    void acceptsDateHeaderWhenThereIsNoXAmzDate() throws Exception {
        // given: the GET Object example signed with Date instead of x-amz-date, the signature computed here by hand
        String date = "Fri, 24 May 2013 00:00:00 GMT";
        String canonical = "GET\n/test.txt\n\n"
                + "date:" + date + "\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
                + "x-amz-content-sha256:" + AwsExamples.EMPTY_SHA256 + "\n\n"
                + "date;host;range;x-amz-content-sha256\n" + AwsExamples.EMPTY_SHA256;
        String stringToSign = "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + AwsExamples.SECRET_KEY).getBytes(StandardCharsets.UTF_8), "20130524");
        for (String step : new String[] {"us-east-1", "s3", "aws4_request"}) {
            key = hmac(key, step);
        }
        String signature = HexFormat.of().formatHex(hmac(key, stringToSign));
        SignedRequest request = AwsExamples.request("GET", "/test.txt", null, AwsExamples.headers(
                "host", "examplebucket.s3.amazonaws.com",
                "range", "bytes=0-9",
                "date", date,
                "x-amz-content-sha256", AwsExamples.EMPTY_SHA256,
                "authorization", AwsExamples.authorization("date;host;range;x-amz-content-sha256", signature)));

        // when / then
        assertThat(AwsExamples.verifier().verify(request).accessKeyId()).isEqualTo(AwsExamples.ACCESS_KEY);
    }

    @Test
    void payloadModeFollowsContentSha256() {
        assertThat(SigV4Verifier.payloadMode(AwsExamples.EMPTY_SHA256)).isEqualTo(PayloadMode.SIGNED);
        assertThat(SigV4Verifier.payloadMode("UNSIGNED-PAYLOAD")).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(SigV4Verifier.payloadMode("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"))
                .isEqualTo(PayloadMode.STREAMING_SIGNED);
        assertThat(SigV4Verifier.payloadMode("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"))
                .isEqualTo(PayloadMode.STREAMING_SIGNED_TRAILER);
        assertThat(SigV4Verifier.payloadMode("STREAMING-UNSIGNED-PAYLOAD-TRAILER"))
                .isEqualTo(PayloadMode.STREAMING_UNSIGNED_TRAILER);
    }

    @Test
    void verifiedRequestNeverPrintsItsSigningKeyOrSeedSignature() {
        VerifiedRequest verified = AwsExamples.verifier().verify(AwsExamples.chunkedPut());

        assertThat(verified.toString()).doesNotContain(AwsExamples.SEED_SIGNATURE).contains(AwsExamples.ACCESS_KEY);
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(ThrowingCallable call, S3Error expected) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(expected));
    }
}
