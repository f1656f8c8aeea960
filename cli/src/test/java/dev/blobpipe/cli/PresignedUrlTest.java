package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.AwsCli;
import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.Checksums;
import dev.blobpipe.cli.testing.RawResponse;
import dev.blobpipe.cli.testing.TextBody;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Presigned URLs (SigV4 query-string authentication) made by the SDK's S3Presigner and used with a plain HTTP client
 * that knows nothing of S3: GET, PUT and HEAD work, response overrides are honoured, and an expired or tampered URL
 * is refused with 403 and the S3 code.
 */
class PresignedUrlTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration VALIDITY = Duration.ofMinutes(10);
    private static BlobpipeFixture fixture;
    private static S3Client s3;
    private static S3Presigner presigner;
    private static HttpClient http;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        fixture = BlobpipeFixture.shared();
        s3 = fixture.client();
        presigner = S3Presigner.builder()
                .endpointOverride(fixture.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(BlobpipeFixture.ACCESS_KEY, BlobpipeFixture.SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    @AfterAll
    static void close() {
        presigner.close();
        s3.close();
    }

    @Test
    void presignedPutStoresTheBody() {
        // given
        String bucket = newBucket("presign-put");
        byte[] body = randomBytes(300_000, 1);
        PresignedPutObjectRequest presigned = presigner.presignPutObject(presign -> presign
                .signatureDuration(VALIDITY)
                .putObjectRequest(put -> put.bucket(bucket).key("uploaded")));

        // when
        RawResponse response = send(presigned, "PUT", HttpRequest.BodyPublishers.ofByteArray(body));

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.header("ETag")).hasValue(Checksums.etag(body));
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("uploaded")).asByteArray()).isEqualTo(body);
    }

    @Test
    void presignedGetReadsTheObject() {
        // given
        String bucket = newBucket("presign-get");
        byte[] body = randomBytes(200_000, 2);
        s3.putObject(put -> put.bucket(bucket).key("shared"), RequestBody.fromBytes(body));
        PresignedRequest presigned = presigner.presignGetObject(presign -> presign.signatureDuration(VALIDITY)
                .getObjectRequest(get -> get.bucket(bucket).key("shared")));

        // when
        HttpResponse<byte[]> response = sendForBytes(presigned);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
        assertThat(response.headers().firstValue("ETag")).hasValue(Checksums.etag(body));
    }

    @Test
    void presignedPutThenPresignedGetRoundTrips() {
        // given
        String bucket = newBucket("presign-trip");
        byte[] body = randomBytes(100_000, 3);
        PresignedRequest put = presigner.presignPutObject(presign -> presign.signatureDuration(VALIDITY)
                .putObjectRequest(request -> request.bucket(bucket).key("trip")));
        PresignedRequest get = presigner.presignGetObject(presign -> presign.signatureDuration(VALIDITY)
                .getObjectRequest(request -> request.bucket(bucket).key("trip")));

        // when
        RawResponse stored = send(put, "PUT", HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> read = sendForBytes(get);

        // then
        assertThat(stored.status()).as("%s", stored).isEqualTo(200);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(body);
    }

    @Test
    void presignedHeadReportsSizeAndEtag() {
        // given
        String bucket = newBucket("presign-head");
        byte[] body = randomBytes(54_321, 4);
        s3.putObject(put -> put.bucket(bucket).key("headed"), RequestBody.fromBytes(body));
        PresignedRequest presigned = presigner.presignHeadObject(presign -> presign.signatureDuration(VALIDITY)
                .headObjectRequest(head -> head.bucket(bucket).key("headed")));

        // when
        RawResponse response = send(presigned, "HEAD", HttpRequest.BodyPublishers.noBody());

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.header("Content-Length")).hasValue("54321");
        assertThat(response.header("ETag")).hasValue(Checksums.etag(body));
    }

    @Test
    void urlValidForTheMaximumOfSevenDaysIsAccepted() {
        // given
        String bucket = newBucket("presign-week");
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("a week"));
        PresignedRequest presigned = presigner.presignGetObject(presign -> presign
                .signatureDuration(Duration.ofDays(7))
                .getObjectRequest(get -> get.bucket(bucket).key("k")));

        // when
        RawResponse response = send(presigned, "GET", HttpRequest.BodyPublishers.noBody());

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.body()).isEqualTo("a week");
    }

    @Test
    void responseContentTypeOverrideIsHonoured() {
        // given: stored as application/octet-stream
        String bucket = newBucket("presign-ctype");
        s3.putObject(put -> put.bucket(bucket).key("data"), TextBody.of("a,b\n1,2\n"));
        PresignedRequest presigned = presigner.presignGetObject(presign -> presign.signatureDuration(VALIDITY)
                .getObjectRequest(get -> get.bucket(bucket).key("data").responseContentType("text/csv")));

        // when
        RawResponse response = send(presigned, "GET", HttpRequest.BodyPublishers.noBody());

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValue("text/csv");
        assertThat(response.body()).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void responseDispositionAndCacheControlOverridesAreHonoured() {
        // given
        String bucket = newBucket("presign-disp");
        s3.putObject(put -> put.bucket(bucket).key("report"), TextBody.of("report body"));
        PresignedRequest presigned = presigner.presignGetObject(presign -> presign.signatureDuration(VALIDITY)
                .getObjectRequest(get -> get.bucket(bucket).key("report")
                        .responseContentDisposition("attachment; filename=\"report.txt\"")
                        .responseCacheControl("no-store")));

        // when
        RawResponse response = send(presigned, "GET", HttpRequest.BodyPublishers.noBody());

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.header("Content-Disposition")).hasValue("attachment; filename=\"report.txt\"");
        assertThat(response.header("Cache-Control")).hasValue("no-store");
    }

    @Test
    void expiredUrlIsAccessDenied() {
        // given: a URL signed an hour ago for one minute, by the signer the presigner uses (its clock is settable,
        // the presigner's is not), so nothing waits
        String bucket = newBucket("presign-expired");
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("too late"));
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        URI url = presignAt(SdkHttpMethod.GET, "/" + bucket + "/k", anHourAgo, Duration.ofMinutes(1));

        // when
        RawResponse response = send(url, "GET", Map.of(), HttpRequest.BodyPublishers.noBody());

        // then
        assertS3Xml(response, 403, "AccessDenied");
    }

    @Test
    void freshUrlFromTheSameSignerIsAccepted() {
        // given: the control for the expired case above, so that it cannot pass for a wrong reason
        String bucket = newBucket("presign-fresh");
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("in time"));
        URI url = presignAt(SdkHttpMethod.GET, "/" + bucket + "/k", Clock.systemUTC(), Duration.ofMinutes(1));

        // when
        RawResponse response = send(url, "GET", Map.of(), HttpRequest.BodyPublishers.noBody());

        // then
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.body()).isEqualTo("in time");
    }

    @Test
    void urlWithAnotherKeyIsSignatureDoesNotMatch() {
        // given: both keys exist, so only the signature check can refuse
        String bucket = newBucket("presign-key");
        s3.putObject(put -> put.bucket(bucket).key("public"), TextBody.of("public"));
        s3.putObject(put -> put.bucket(bucket).key("secret"), TextBody.of("secret"));
        String url = presigner.presignGetObject(presign -> presign.signatureDuration(VALIDITY)
                .getObjectRequest(get -> get.bucket(bucket).key("public"))).url().toString();
        String tampered = url.replace("/" + bucket + "/public?", "/" + bucket + "/secret?");
        assertThat(tampered).isNotEqualTo(url);

        // when
        RawResponse response = send(URI.create(tampered), "GET", Map.of(), HttpRequest.BodyPublishers.noBody());

        // then
        assertS3Xml(response, 403, "SignatureDoesNotMatch");
    }

    @Test
    void urlWithAChangedSignatureCharacterIsSignatureDoesNotMatch() {
        // given
        String bucket = newBucket("presign-sig");
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("guarded"));
        String url = presigner.presignGetObject(presign -> presign.signatureDuration(VALIDITY)
                .getObjectRequest(get -> get.bucket(bucket).key("k"))).url().toString();

        // when
        RawResponse response = send(URI.create(withSignatureCharacterChanged(url)), "GET", Map.of(),
                HttpRequest.BodyPublishers.noBody());

        // then
        assertS3Xml(response, 403, "SignatureDoesNotMatch");
    }

    @Test
    void urlWithALongerExpiryThanSignedIsSignatureDoesNotMatch() {
        // given: X-Amz-Expires is signed; stretching it must not stretch the URL's life
        String bucket = newBucket("presign-stretch");
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("guarded"));
        String url = presigner.presignGetObject(presign -> presign.signatureDuration(Duration.ofSeconds(60))
                .getObjectRequest(get -> get.bucket(bucket).key("k"))).url().toString();
        String stretched = url.replace("X-Amz-Expires=60", "X-Amz-Expires=3600");
        assertThat(stretched).isNotEqualTo(url);

        // when
        RawResponse response = send(URI.create(stretched), "GET", Map.of(), HttpRequest.BodyPublishers.noBody());

        // then
        assertS3Xml(response, 403, "SignatureDoesNotMatch");
    }

    @Test
    void tamperedPresignedPutStoresNothing() {
        // given
        String bucket = newBucket("presign-badput");
        PresignedPutObjectRequest presigned = presigner.presignPutObject(presign -> presign
                .signatureDuration(VALIDITY)
                .putObjectRequest(put -> put.bucket(bucket).key("refused")));
        URI tampered = URI.create(withSignatureCharacterChanged(presigned.url().toString()));

        // when
        RawResponse response = send(tampered, "PUT", signedHeadersOf(presigned),
                HttpRequest.BodyPublishers.ofString("must not be stored"));

        // then
        assertS3Xml(response, 403, "SignatureDoesNotMatch");
        assertThat(s3.listObjectsV2(list -> list.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void urlSignedWithAnUnknownAccessKeyIsInvalidAccessKeyId() {
        // given
        String bucket = newBucket("presign-nokey");
        s3.putObject(put -> put.bucket(bucket).key("k"), TextBody.of("guarded"));
        String url;
        try (S3Presigner stranger = S3Presigner.builder()
                .endpointOverride(fixture.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("UNKNOWNACCESSKEY0000", "some-secret-key-of-no-one")))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
            url = stranger.presignGetObject(presign -> presign.signatureDuration(VALIDITY)
                    .getObjectRequest(get -> get.bucket(bucket).key("k"))).url().toString();
        }

        // when
        RawResponse response = send(URI.create(url), "GET", Map.of(), HttpRequest.BodyPublishers.noBody());

        // then
        assertS3Xml(response, 403, "InvalidAccessKeyId");
    }

    @Test
    void awsCliPresignedUrlDownloadsWithCurl() throws Exception {
        // given: the CLI v1 presigns with SigV2 unless told s3v4; SigV4 is the query authentication we serve
        String bucket = newBucket("presign-cli");
        byte[] body = randomBytes(1 << 20, 5);
        s3.putObject(put -> put.bucket(bucket).key("dir/file.bin"), RequestBody.fromBytes(body));
        AwsCli cli = new AwsCli(fixture, temp, "[default]\ns3 =\n    signature_version = s3v4\n");
        String output = cli.aws(TIMEOUT, "s3", "presign", "s3://" + bucket + "/dir/file.bin", "--expires-in", "300");
        // stderr is merged in; a Python warning must not be taken for the URL
        String url = output.lines().filter(line -> line.startsWith("http")).reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no URL in: " + output));
        assertThat(url).contains("X-Amz-Signature=");
        Path download = temp.resolve("curl.bin");

        // when
        String status = cli.run(List.of("curl", "--silent", "--show-error", "--max-time", "60",
                "--output", download.toString(), "--write-out", "%{http_code}", url), TIMEOUT);

        // then
        assertThat(status).isEqualTo("200");
        assertThat(Files.readAllBytes(download)).isEqualTo(body);
    }

    /** A presigned URL from the SDK's SigV4 signer with its clock set, as the presigner makes them. */
    private static URI presignAt(SdkHttpMethod method, String encodedPath, Clock clock, Duration validity) {
        URI endpoint = fixture.endpoint();
        SdkHttpRequest request = SdkHttpRequest.builder()
                .protocol(endpoint.getScheme())
                .host(endpoint.getHost())
                .port(endpoint.getPort())
                .method(method)
                .encodedPath(encodedPath)
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(signing -> signing
                .identity(AwsCredentialsIdentity.create(BlobpipeFixture.ACCESS_KEY, BlobpipeFixture.SECRET_KEY))
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, validity)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
        return signed.getUri();
    }

    /** The URL with the last hex digit of X-Amz-Signature changed to another. */
    private static String withSignatureCharacterChanged(String url) {
        int start = url.indexOf("X-Amz-Signature=");
        assertThat(start).as("X-Amz-Signature in %s", url).isNotNegative();
        int end = url.indexOf('&', start);
        int last = (end < 0 ? url.length() : end) - 1;
        char replacement = url.charAt(last) == '0' ? '1' : '0';
        return url.substring(0, last) + replacement + url.substring(last + 1);
    }

    /** The headers the presigner signed besides Host (which the HTTP client sets itself, to the same value). */
    private static Map<String, List<String>> signedHeadersOf(PresignedRequest presigned) {
        var headers = new TreeMap<String, List<String>>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.toLowerCase(Locale.ROOT).equals("host")) {
                headers.put(name, values);
            }
        });
        return headers;
    }

    private static RawResponse send(PresignedRequest presigned, String method, HttpRequest.BodyPublisher body) {
        return send(uri(presigned.url()), method, signedHeadersOf(presigned), body);
    }

    private static RawResponse send(URI url, String method, Map<String, List<String>> headers,
            HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT).method(method, body);
        headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new RawResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + method + " " + url, e);
        }
    }

    private static HttpResponse<byte[]> sendForBytes(PresignedRequest presigned) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(presigned.url())).timeout(TIMEOUT).GET();
        signedHeadersOf(presigned).forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("GET " + presigned.url(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: GET " + presigned.url(), e);
        }
    }

    private static URI uri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new AssertionError("presigner made an invalid URL " + url, e);
        }
    }

    private static void assertS3Xml(RawResponse response, int status, String code) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.errorCode()).as("Code of %s", response).isEqualTo(code);
        assertThat(response.xmlElement("RequestId")).as("RequestId of %s", response)
                .hasValueSatisfying(id -> assertThat(id).isNotBlank());
    }

    private static String newBucket(String prefix) {
        String bucket = BlobpipeFixture.uniqueBucket(prefix);
        s3.createBucket(create -> create.bucket(bucket));
        return bucket;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
