package dev.blobpipe.ingest.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Signs requests with the real AWS SDK v2 signer (AwsV4HttpSigner, S3 settings: no double encoding, no path
 * normalisation) and hands them over as our {@link SignedRequest} plus the bytes the SDK would send.
 */
final class SdkSigner {
    static final String ACCESS_KEY = "blobpipe-test-key";
    static final String SECRET_KEY = "blobpipe/test+secret=";
    static final Instant TIME = Instant.parse("2026-03-04T05:06:07Z");

    /** How the SDK is told to send the body. */
    enum Body {
        /** x-amz-content-sha256 = hex SHA-256 of the body. */
        SIGNED,
        /** STREAMING-AWS4-HMAC-SHA256-PAYLOAD (checksums WHEN_REQUIRED over http). */
        STREAMING_SIGNED,
        /** STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER with a CRC32 trailer (the SDK's default over http). */
        STREAMING_SIGNED_CRC32_TRAILER,
        /** STREAMING-UNSIGNED-PAYLOAD-TRAILER with a CRC32 trailer (the SDK's default over https). */
        STREAMING_UNSIGNED_CRC32_TRAILER
    }

    /** A signed request and the exact bytes of its body on the wire. */
    record Signed(SignedRequest request, byte[] wireBody) {
    }

    private SdkSigner() {
    }

    static SigV4Verifier verifier() {
        return new SigV4Verifier(CredentialStore.single(ACCESS_KEY, SECRET_KEY), Clock.fixed(TIME, ZoneOffset.UTC));
    }

    /** The path the SDK's S3 client sends for a key: each byte but unreserved ones and '/' percent-encoded. */
    static String pathOf(String bucket, String key) {
        return "/" + bucket + "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key);
    }

    static Signed sign(SdkHttpMethod method, String encodedPath, Map<String, String> query, byte[] body, Body mode) {
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder()
                .method(method)
                .protocol(mode == Body.STREAMING_UNSIGNED_CRC32_TRAILER ? "https" : "http")
                .host("localhost")
                .port(9000)
                .encodedPath(encodedPath)
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("Content-Type", "application/octet-stream")
                .putHeader("x-amz-meta-note", "  two   spaces  ");
        query.forEach(builder::putRawQueryParameter);
        SdkHttpFullRequest http = builder.build();
        var signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY))
                    .request(http)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-central-1")
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(TIME, ZoneOffset.UTC));
            if (mode != Body.SIGNED) {
                r.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true);
            }
            if (mode == Body.STREAMING_SIGNED_CRC32_TRAILER || mode == Body.STREAMING_UNSIGNED_CRC32_TRAILER) {
                r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32);
            }
            if (mode == Body.STREAMING_UNSIGNED_CRC32_TRAILER) {
                r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false);
            }
        });
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.request().forEachHeader((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        String rawQuery = signed.request().encodedQueryParameters().orElse(null);
        SignedRequest request = new SignedRequest(signed.request().method().name(), signed.request().encodedPath(),
                rawQuery, headers);
        try (InputStream wire = signed.payload().orElseThrow().newStream()) {
            return new Signed(request, wire.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
