package dev.blobpipe.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A client of the running system's {@code /admin/} endpoints: GET requests signed with SigV4 by the AWS SDK's own
 * signer (so our verifier is checked against an independent implementation), sent with java.net.http.
 */
final class AdminEndpoint {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The region our verifier derives the key with is the one the client names; S3 clients default to this one. */
    private static final String REGION = "us-east-1";

    private final URI endpoint;
    private final DevCredentials credentials;
    private final HttpClient http;

    AdminEndpoint(URI endpoint, DevCredentials credentials) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    /** An answer: HTTP status and body text (JSON on success, an S3 error document otherwise). */
    record Answer(int status, String body) {
    }

    /** GETs {@code path} (e.g. {@code /admin/stats/live}, no query); the body is a small document, read whole. */
    Answer get(String path) throws IOException {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .uri(endpoint.resolve(path))
                .method(SdkHttpMethod.GET)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(signing -> signing
                .identity(AwsCredentialsIdentity.create(credentials.accessKey(), credentials.secretKey()))
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false));
        HttpRequest.Builder builder = HttpRequest.newBuilder(signed.request().getUri()).timeout(TIMEOUT).GET();
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) { // java.net.http sends the URI's, which is the signed one
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            HttpResponse<String> response = http.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + endpoint, e);
        }
    }
}
