package dev.blobpipe.cli;

import static dev.blobpipe.cli.testing.S3Errors.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.RawResponse;
import dev.blobpipe.cli.testing.SignedHttp;
import dev.blobpipe.cli.testing.TextBody;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.GetBucketCorsResponse;

/**
 * CORS: Put/Get/DeleteBucketCors through the AWS SDK v2, the unauthenticated OPTIONS preflight a browser sends
 * (plain java.net.http, no signature), and the Access-Control-* headers on actual signed requests from an allowed and
 * from a refused origin.
 */
class CorsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String ALLOWED = "https://app.example";
    private static final String REFUSED = "https://evil.example";
    private static final CORSRule APP_RULE = CORSRule.builder()
            .allowedOrigins(ALLOWED)
            .allowedMethods("GET", "PUT")
            .allowedHeaders("*")
            .exposeHeaders("ETag")
            .maxAgeSeconds(600)
            .build();

    private static BlobpipeFixture fixture;
    private static S3Client s3;
    private static SignedHttp signedHttp;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        fixture = BlobpipeFixture.shared();
        s3 = fixture.client();
        signedHttp = fixture.signedHttp();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @Test
    void getBucketCorsReturnsTheRulesPut() {
        // given
        String bucket = newBucket("roundtrip");

        // when
        s3.putBucketCors(put -> put.bucket(bucket).corsConfiguration(cors -> cors.corsRules(APP_RULE)));
        GetBucketCorsResponse cors = s3.getBucketCors(get -> get.bucket(bucket));

        // then
        assertThat(cors.corsRules()).singleElement().satisfies(rule -> {
            assertThat(rule.allowedOrigins()).containsExactly(ALLOWED);
            assertThat(rule.allowedMethods()).containsExactly("GET", "PUT");
            assertThat(rule.allowedHeaders()).containsExactly("*");
            assertThat(rule.exposeHeaders()).containsExactly("ETag");
            assertThat(rule.maxAgeSeconds()).isEqualTo(600);
        });
    }

    @Test
    void preflightFromTheAllowedOriginIsAllowed() {
        // given
        String bucket = corsBucket("preflight-ok");

        // when
        RawResponse response = preflight(bucket + "/photo.jpg", ALLOWED, "PUT", "content-type, x-amz-meta-owner");

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(tokens(response.header("Access-Control-Allow-Methods").orElse(""))).contains("put");
        assertThat(tokens(response.header("Access-Control-Allow-Headers").orElse("")))
                .contains("content-type", "x-amz-meta-owner");
        assertThat(response.header("Access-Control-Max-Age")).hasValue("600");
    }

    @Test
    void preflightOnTheBucketItselfIsAllowed() {
        // given
        String bucket = corsBucket("preflight-bucket");

        // when
        RawResponse response = preflight(bucket, ALLOWED, "GET", null);

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    }

    @Test
    void preflightFromARefusedOriginIsAccessForbidden() {
        // given
        String bucket = corsBucket("preflight-origin");

        // when
        RawResponse response = preflight(bucket + "/photo.jpg", REFUSED, "PUT", null);

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("AccessForbidden");
        assertThat(response.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void preflightForAMethodNoRuleAllowsIsAccessForbidden() {
        // given
        String bucket = corsBucket("preflight-method");

        // when
        RawResponse response = preflight(bucket + "/photo.jpg", ALLOWED, "DELETE", null);

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("AccessForbidden");
        assertThat(response.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void preflightOnABucketWithoutRulesIsAccessForbidden() {
        // given
        String bucket = newBucket("norules");

        // when
        RawResponse response = preflight(bucket + "/k", ALLOWED, "GET", null);

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("AccessForbidden");
    }

    @Test
    void originWithAWildcardMatchesItsSubdomains() {
        // given
        String bucket = newBucket("wildcard");
        s3.putBucketCors(put -> put.bucket(bucket).corsConfiguration(cors -> cors.corsRules(CORSRule.builder()
                .allowedOrigins("https://*.example.org").allowedMethods("GET").build())));

        // when
        RawResponse allowed = preflight(bucket + "/k", "https://cdn.example.org", "GET", null);
        RawResponse refused = preflight(bucket + "/k", "https://example.com", "GET", null);

        // then
        assertThat(allowed.status()).as("%s", allowed).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).hasValue("https://cdn.example.org");
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
    }

    @Test
    void actualGetFromTheAllowedOriginCarriesTheCorsHeaders() {
        // given
        String bucket = corsBucket("actual-ok");
        s3.putObject(put -> put.bucket(bucket).key("photo.jpg"), TextBody.of("pixels"));

        // when
        RawResponse response = signedGet(bucket + "/photo.jpg", ALLOWED);

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.body()).isEqualTo("pixels");
        assertThat(response.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(tokens(response.header("Access-Control-Expose-Headers").orElse(""))).contains("etag");
    }

    @Test
    void actualGetFromARefusedOriginCarriesNoCorsHeaders() {
        // given
        String bucket = corsBucket("actual-refused");
        s3.putObject(put -> put.bucket(bucket).key("photo.jpg"), TextBody.of("pixels"));

        // when
        RawResponse response = signedGet(bucket + "/photo.jpg", REFUSED);

        // then: the request itself succeeds; only the browser would hide it from the page
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.body()).isEqualTo("pixels");
        assertThat(response.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
    }

    @Test
    void deletedCorsConfigurationIsNoSuchCorsConfiguration() {
        // given
        String bucket = corsBucket("delete");

        // when
        int status = s3.deleteBucketCors(delete -> delete.bucket(bucket)).sdkHttpResponse().statusCode();

        // then
        assertThat(status).isEqualTo(204);
        assertS3Error(() -> s3.getBucketCors(get -> get.bucket(bucket)), 404, "NoSuchCORSConfiguration");
        assertThat(preflight(bucket + "/k", ALLOWED, "GET", null).status()).isEqualTo(403);
    }

    @Test
    void bucketWithoutRulesIsNoSuchCorsConfiguration() {
        // given
        String bucket = newBucket("never");

        // when / then
        assertS3Error(() -> s3.getBucketCors(get -> get.bucket(bucket)), 404, "NoSuchCORSConfiguration");
    }

    @Test
    void putBucketCorsReplacesTheRules() {
        // given
        String bucket = corsBucket("replace");

        // when
        s3.putBucketCors(put -> put.bucket(bucket).corsConfiguration(cors -> cors.corsRules(CORSRule.builder()
                .allowedOrigins(REFUSED).allowedMethods("GET").build())));

        // then
        assertThat(s3.getBucketCors(get -> get.bucket(bucket)).corsRules()).singleElement()
                .satisfies(rule -> assertThat(rule.allowedOrigins()).containsExactly(REFUSED));
        assertThat(preflight(bucket + "/k", ALLOWED, "GET", null).status()).isEqualTo(403);
        assertThat(preflight(bucket + "/k", REFUSED, "GET", null).status()).isEqualTo(200);
    }

    /** An OPTIONS request as a browser sends it: no credentials, Origin and the Access-Control-Request-* headers. */
    private static RawResponse preflight(String path, String origin, String method, String requestHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.endpoint() + "/" + path))
                .timeout(TIMEOUT)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        if (requestHeaders != null) {
            request.header("Access-Control-Request-Headers", requestHeaders);
        }
        return RawResponse.send(http, request.build());
    }

    private static RawResponse signedGet(String path, String origin) {
        return signedHttp.send(signedHttp.sign(signedHttp.request(SdkHttpMethod.GET, "/" + path)
                .putHeader("Origin", origin), new byte[0]));
    }

    /** The comma-separated tokens of a header value, lower-cased. */
    private static List<String> tokens(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).map(token -> token.toLowerCase(Locale.ROOT))
                .filter(token -> !token.isEmpty()).toList();
    }

    private static String corsBucket(String prefix) {
        String bucket = newBucket(prefix);
        s3.putBucketCors(put -> put.bucket(bucket).corsConfiguration(cors -> cors.corsRules(APP_RULE)));
        return bucket;
    }

    private static String newBucket(String prefix) {
        String bucket = BlobpipeFixture.uniqueBucket("cors-" + prefix);
        s3.createBucket(create -> create.bucket(bucket));
        return bucket;
    }
}
