package dev.blobpipe.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** URLs presigned by the real AWS SDK v2 presigner verify; expired, malformed and tampered ones are refused. */
class PresignedUrlTest {
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private static S3Presigner presigner;

    @BeforeAll
    static void createPresigner() {
        presigner = SdkPresigner.presigner(AwsBasicCredentials.create(SdkPresigner.ACCESS_KEY,
                SdkPresigner.SECRET_KEY));
    }

    @AfterAll
    static void closePresigner() {
        presigner.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain.txt", "with space.txt", "a+b=c&d", "100%", "é/ü/日本語.bin", "emoji 😀", "a//b",
            "/leading", "trailing/", "~tilde_under-dot.", "!*'(),;:@$", "q?uestion#hash"})
    void presignedGetOfAwkwardKeyVerifies(String key) {
        SignedRequest request = presignedGet(key, TEN_MINUTES);

        VerifiedRequest verified = verifyAtSigningTime(request);

        assertThat(verified.accessKeyId()).isEqualTo(SdkPresigner.ACCESS_KEY);
        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
    }

    @Test
    void presignedPutVerifiesWithUnsignedPayload() {
        SignedRequest request = SdkPresigner.request(presigner.presignPutObject(p -> p
                .signatureDuration(TEN_MINUTES)
                .putObjectRequest(r -> r.bucket("bucket").key("upload/photo 1.jpg"))));

        VerifiedRequest verified = verifyAtSigningTime(request);

        assertThat(request.method()).isEqualTo("PUT");
        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(verified.contentSha256()).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(verified.signingKey()).isNull();
    }

    @Test
    void presignedPutWithSignedContentTypeAndMetadataVerifies() {
        SignedRequest request = presignedPutWithMetadata();

        VerifiedRequest verified = verifyAtSigningTime(request);

        assertThat(request.headers()).containsKeys("content-type", "x-amz-meta-owner");
        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
    }

    @Test
    void presignedHeadVerifies() {
        SignedRequest request = SdkPresigner.request(presigner.presignHeadObject(p -> p
                .signatureDuration(TEN_MINUTES)
                .headObjectRequest(r -> r.bucket("bucket").key("key"))));

        assertThat(request.method()).isEqualTo("HEAD");
        assertThat(verifyAtSigningTime(request).accessKeyId()).isEqualTo(SdkPresigner.ACCESS_KEY);
    }

    @Test
    void presignedGetWithResponseOverridesVerifies() {
        SignedRequest request = presignedGetWithOverrides();

        assertThat(request.rawQuery()).contains("response-content-type=", "response-content-disposition=",
                "response-cache-control=");
        assertThat(verifyAtSigningTime(request).accessKeyId()).isEqualTo(SdkPresigner.ACCESS_KEY);
    }

    @Test
    void sevenDayUrlVerifiesOnItsLastSecond() {
        SignedRequest request = presignedGet("key", Duration.ofDays(7));
        Instant lastSecond = SdkPresigner.signedAt(request).plus(Duration.ofDays(7));

        VerifiedRequest verified = SdkPresigner.verifierAt(lastSecond).verify(request);

        assertThat(verified.accessKeyId()).isEqualTo(SdkPresigner.ACCESS_KEY);
    }

    @Test
    void rejectsUrlExpiredByOneSecondAsAccessDenied() {
        SignedRequest request = presignedGet("key", TEN_MINUTES);
        Instant oneSecondLate = SdkPresigner.signedAt(request).plus(TEN_MINUTES).plusSeconds(1);

        assertRefused(() -> SdkPresigner.verifierAt(oneSecondLate).verify(request), S3Error.ACCESS_DENIED,
                "Request has expired");
    }

    @Test
    void acceptsUrlDatedUpToFifteenMinutesAhead() {
        SignedRequest request = presignedGet("key", TEN_MINUTES);
        Instant earlier = SdkPresigner.signedAt(request).minus(Duration.ofMinutes(15));

        assertThat(SdkPresigner.verifierAt(earlier).verify(request).accessKeyId()).isEqualTo(SdkPresigner.ACCESS_KEY);
    }

    @Test
    void rejectsUrlDatedMoreThanFifteenMinutesAheadAsNotValidYet() {
        SignedRequest request = presignedGet("key", TEN_MINUTES);
        Instant earlier = SdkPresigner.signedAt(request).minus(Duration.ofMinutes(15).plusSeconds(1));

        assertRefused(() -> SdkPresigner.verifierAt(earlier).verify(request), S3Error.ACCESS_DENIED,
                "Request is not valid yet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"604801", "0", "-1", "ten", "99999999999999999999", ""})
    void rejectsExpiresOutsideOneSecondToSevenDays(String expires) {
        SignedRequest request = SdkPresigner.withQueryValue(presignedGet("key", TEN_MINUTES), "X-Amz-Expires",
                expires);

        assertRefused(() -> verifyAtSigningTime(request), S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
            "X-Amz-SignedHeaders", "X-Amz-Signature"})
    void rejectsUrlMissingAnAuthenticationParameter(String name) {
        SignedRequest request = presignedGet("key", TEN_MINUTES);
        String value = SdkPresigner.queryValue(request, name);
        String query = ("&" + request.rawQuery()).replace("&" + name + "=" + value, "").substring(1);
        SignedRequest missing = SdkPresigner.withQuery(request, name.equals("X-Amz-Algorithm")
                ? query + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Algorithm=AWS4-HMAC-SHA256" : query);

        assertRefused(() -> SdkPresigner.verifierAt(SdkPresigner.signedAt(request)).verify(missing),
                S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "X-Amz-Algorithm=AWS4-HMAC-SHA512",
        "X-Amz-Credential=blobpipe-test-key%2F20260304%2Feu-central-1%2Fs3",
        "X-Amz-Credential=blobpipe-test-key%2F20000101%2Feu-central-1%2Fs3%2Faws4_request",
        "X-Amz-Date=2026-03-04T05%3A06%3A07Z",
        "X-Amz-SignedHeaders=Host",
        "X-Amz-SignedHeaders=content-type",
        "X-Amz-Signature=abc"})
    void rejectsMalformedAuthenticationParameter(String replacement) {
        String name = replacement.substring(0, replacement.indexOf('='));
        SignedRequest request = presignedGet("key", TEN_MINUTES);
        SignedRequest malformed = SdkPresigner.withQueryValue(request, name, replacement.substring(name.length() + 1));

        assertRefused(() -> SdkPresigner.verifierAt(SdkPresigner.signedAt(request)).verify(malformed),
                S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
    }

    @Test
    void rejectsRepeatedAuthenticationParameter() {
        SignedRequest request = presignedGet("key", TEN_MINUTES);
        SignedRequest repeated = SdkPresigner.withQuery(request, request.rawQuery() + "&X-Amz-Expires=604800");

        assertRefused(() -> verifyAtSigningTime(repeated), S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Amz-Date", "X-Amz-Expires", "X-Amz-Credential", "X-Amz-Signature"})
    void rejectsTamperedAuthenticationParameter(String name) {
        SignedRequest request = presignedGet("key", TEN_MINUTES);
        SignedRequest tampered = SdkPresigner.withQueryValue(request, name,
                tamper(name, SdkPresigner.queryValue(request, name)));

        assertRefused(() -> SdkPresigner.verifierAt(SdkPresigner.signedAt(request)).verify(tampered),
                S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void rejectsTamperedPath() {
        SignedRequest request = presignedGet("reports/2026.pdf", TEN_MINUTES);
        SignedRequest tampered = new SignedRequest(request.method(), "/bucket/reports/2027.pdf", request.rawQuery(),
                request.headers());

        assertRefused(() -> verifyAtSigningTime(tampered), S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void rejectsGetUrlUsedForPut() {
        SignedRequest request = presignedGet("key", TEN_MINUTES);
        SignedRequest put = new SignedRequest("PUT", request.rawPath(), request.rawQuery(), request.headers());

        assertRefused(() -> verifyAtSigningTime(put), S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void rejectsAddedQueryParameter() {
        SignedRequest request = presignedGet("key", TEN_MINUTES);
        SignedRequest added = SdkPresigner.withQuery(request, request.rawQuery() + "&versionId=1");

        assertRefused(() -> verifyAtSigningTime(added), S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void rejectsChangedHostHeader() {
        SignedRequest tampered = AwsExamples.withHeader(presignedGet("key", TEN_MINUTES), "host", "evil:9000");

        assertRefused(() -> verifyAtSigningTime(tampered), S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"response-content-type", "response-content-disposition", "response-cache-control"})
    void rejectsTamperedResponseOverride(String name) {
        SignedRequest tampered = SdkPresigner.withQueryValue(presignedGetWithOverrides(), name, "text%2Fhtml");

        assertRefused(() -> verifyAtSigningTime(tampered), S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void rejectsRemovedResponseOverride() {
        SignedRequest request = presignedGetWithOverrides();
        String value = SdkPresigner.queryValue(request, "response-content-type");
        SignedRequest removed = SdkPresigner.withQuery(request,
                request.rawQuery().replace("response-content-type=" + value + "&", ""));

        assertThat(removed.rawQuery()).doesNotContain("response-content-type");
        assertRefused(() -> verifyAtSigningTime(removed), S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void rejectsChangedSignedMetadataHeader() {
        SignedRequest tampered = AwsExamples.withHeader(presignedPutWithMetadata(), "x-amz-meta-owner", "mallory");

        assertRefused(() -> verifyAtSigningTime(tampered), S3Error.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void rejectsUnsignedAmzHeaderAsAccessDenied() {
        SignedRequest added = AwsExamples.withHeader(presignedGet("key", TEN_MINUTES), "x-amz-meta-extra", "1");

        assertRefused(() -> verifyAtSigningTime(added), S3Error.ACCESS_DENIED,
                "There were headers present in the request which were not signed");
    }

    @Test
    void acceptsUnsignedOrdinaryHeader() {
        SignedRequest withRange = AwsExamples.withHeader(presignedGet("key", TEN_MINUTES), "range", "bytes=0-9");

        assertThat(verifyAtSigningTime(withRange).accessKeyId()).isEqualTo(SdkPresigner.ACCESS_KEY);
    }

    @Test
    void rejectsUnknownAccessKey() {
        SignedRequest request = presignedGet("key", TEN_MINUTES);
        SigV4Verifier verifier = new SigV4Verifier(CredentialStore.single("other-key", SdkPresigner.SECRET_KEY),
                java.time.Clock.fixed(SdkPresigner.signedAt(request), java.time.ZoneOffset.UTC));

        assertRefused(() -> verifier.verify(request), S3Error.INVALID_ACCESS_KEY_ID);
    }

    @Test
    void rejectsSessionTokenAsAccessDenied() {
        SignedRequest request;
        try (S3Presigner sessionPresigner = SdkPresigner.presigner(AwsSessionCredentials.create(
                SdkPresigner.ACCESS_KEY, SdkPresigner.SECRET_KEY, "session-token"))) {
            request = SdkPresigner.request(sessionPresigner.presignGetObject(p -> p
                    .signatureDuration(TEN_MINUTES)
                    .getObjectRequest(r -> r.bucket("bucket").key("key"))));
        }

        assertThat(request.rawQuery()).contains("X-Amz-Security-Token=");
        assertRefused(() -> verifyAtSigningTime(request), S3Error.ACCESS_DENIED);
    }

    @Test
    void rejectsAuthorizationHeaderTogetherWithPresignedQuery() {
        SignedRequest both = AwsExamples.withHeader(presignedGet("key", TEN_MINUTES), "authorization",
                AwsExamples.getObject().header("authorization"));

        assertRefused(() -> verifyAtSigningTime(both), S3Error.INVALID_ARGUMENT);
    }

    @Test
    void presignedQueryNeverPrintsItsSignature() {
        SignedRequest request = presignedGet("key", TEN_MINUTES);

        PresignedQuery query = PresignedQuery.parse(request.rawQuery());

        assertThat(query.toString()).doesNotContain(query.signature()).contains(SdkPresigner.ACCESS_KEY);
    }

    private static SignedRequest presignedGet(String key, Duration validFor) {
        return SdkPresigner.request(presigner.presignGetObject(p -> p
                .signatureDuration(validFor)
                .getObjectRequest(r -> r.bucket("bucket").key(key))));
    }

    private static SignedRequest presignedGetWithOverrides() {
        GetObjectRequest get = GetObjectRequest.builder().bucket("bucket").key("photo.jpg")
                .responseContentType("image/jpeg")
                .responseContentDisposition("attachment; filename=\"photo 1.jpg\"")
                .responseCacheControl("max-age=60")
                .build();
        return SdkPresigner.request(presigner.presignGetObject(p -> p
                .signatureDuration(TEN_MINUTES)
                .getObjectRequest(get)));
    }

    private static SignedRequest presignedPutWithMetadata() {
        return SdkPresigner.request(presigner.presignPutObject(p -> p
                .signatureDuration(TEN_MINUTES)
                .putObjectRequest(r -> r.bucket("bucket").key("photo.jpg").contentType("image/jpeg")
                        .metadata(Map.of("owner", "alice")))));
    }

    private static VerifiedRequest verifyAtSigningTime(SignedRequest request) {
        return SdkPresigner.verifierAt(SdkPresigner.signedAt(request)).verify(request);
    }

    /** A value of the same shape that differs, so only the signature check can catch it. */
    private static String tamper(String name, String value) {
        switch (name) {
            case "X-Amz-Date":
                // one second later: same day, so the credential date still matches
                Instant date = SigV4Verifier.AMZ_DATE.parse(value, Instant::from);
                return SigV4Verifier.AMZ_DATE.format(date.plusSeconds(value.endsWith("59Z") ? -1 : 1));
            case "X-Amz-Expires":
                return Long.toString(Long.parseLong(value) + 1);
            case "X-Amz-Credential":
                return value.replace("eu-central-1", "us-east-1");
            case "X-Amz-Signature":
                return (value.charAt(0) == '0' ? "1" : "0") + value.substring(1);
            default:
                throw new IllegalArgumentException(name);
        }
    }

    private static void assertRefused(ThrowingCallable call, S3Error expected) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(expected));
    }

    private static void assertRefused(ThrowingCallable call, S3Error expected, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.error()).isEqualTo(expected);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
