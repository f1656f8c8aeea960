package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.catalog.CatalogConfig;
import dev.blobpipe.catalog.admin.AdminConnection;
import dev.blobpipe.catalog.admin.BucketStatistics;
import dev.blobpipe.catalog.admin.BucketStats;
import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.RawResponse;
import dev.blobpipe.cli.testing.SignedHttp;
import dev.blobpipe.embedded.testing.Await;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The live stats role inside {@code blobpipe dev}, and the {@code /admin/} endpoints on the S3 port: after a mixed
 * workload through the AWS SDK the live counts equal the catalog's.
 */
class LiveStatsTest {
    private static final Duration CONVERGE = Duration.ofSeconds(90);
    private static BlobpipeFixture fixture;
    private static S3Client s3;
    private static SignedHttp http;
    private static String bucket;

    @BeforeAll
    static void runMixedWorkload() {
        fixture = BlobpipeFixture.shared();
        s3 = fixture.client();
        http = fixture.signedHttp();
        bucket = BlobpipeFixture.uniqueBucket("live");
        s3.createBucket(create -> create.bucket(bucket));
        put("logs/a", 100);
        put("logs/b", 200);
        put("c", 300);
        put("logs/a", 150);                                              // overwrite
        s3.deleteObject(delete -> delete.bucket(bucket).key("logs/b"));  // delete
        s3.copyObject(copy -> copy.sourceBucket(bucket).sourceKey("c").destinationBucket(bucket)
                .destinationKey("c-copy"));                              // copy
        String upload = s3.createMultipartUpload(create -> create.bucket(bucket).key("big")).uploadId();
        String first = s3.uploadPart(part -> part.bucket(bucket).key("big").uploadId(upload).partNumber(1),
                RequestBody.fromBytes(new byte[5 << 20])).eTag();
        String second = s3.uploadPart(part -> part.bucket(bucket).key("big").uploadId(upload).partNumber(2),
                RequestBody.fromBytes(new byte[1000])).eTag();
        s3.completeMultipartUpload(complete -> complete.bucket(bucket).key("big").uploadId(upload)
                .multipartUpload(parts -> parts.parts(CompletedPart.builder().partNumber(1).eTag(first).build(),
                        CompletedPart.builder().partNumber(2).eTag(second).build())));
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @Test
    void liveCountsEqualTheCatalogsAfterAMixedWorkload() {
        BucketStats catalog = catalogStats();
        assertThat(catalog.objects()).isEqualTo(4);
        assertThat(catalog.bytes()).isEqualTo(150 + 300 + 300 + (5 << 20) + 1000);

        Map<?, ?> live = Await.value(CONVERGE, "live stats of " + bucket + " equal to the catalog's",
                () -> liveBucket().filter(row -> row.get("objects").equals(catalog.objects())
                        && row.get("bytes").equals(catalog.bytes())));

        assertThat(live.get("bucket")).isEqualTo(bucket);
    }

    @Test
    void liveMinutesCountPutsAndDeletes() {
        Await.until(CONVERGE, "6 PUTs (4 uploads, a copy, a completion) and 1 DELETE of " + bucket + " in the live minutes", () -> {
            long puts = 0;
            long deletes = 0;
            for (Object row : (List<?>) liveDocument().get("minutes")) {
                Map<?, ?> minute = (Map<?, ?>) row;
                if (bucket.equals(minute.get("bucket"))) {
                    puts += (Long) minute.get("puts");
                    deletes += (Long) minute.get("deletes");
                }
            }
            return puts == 6 && deletes == 1;
        });
    }

    @Test
    void unsignedAdminRequestIsDeniedWithAnS3Error() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(fixture.endpoint() + "/admin/stats/live"))
                        .timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        var raw = new RawResponse(response.statusCode(), response.headers().map(), response.body());
        assertThat(raw.status()).isEqualTo(403);
        assertThat(raw.errorCode()).isEqualTo("AccessDenied");
    }

    @Test
    void wronglySignedAdminRequestIsDenied() {
        RawResponse response = new SignedHttp(fixture.endpoint(), BlobpipeFixture.ACCESS_KEY, "not-the-secret")
                .send(new SignedHttp(fixture.endpoint(), BlobpipeFixture.ACCESS_KEY, "not-the-secret")
                        .sign(http.request(SdkHttpMethod.GET, "/admin/stats"), new byte[0]));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void duAnswersJsonLinesPerLevel() {
        Await.until(CONVERGE, "catalog applied the workload", () -> catalogStats().objects() == 4);

        RawResponse response = get("/admin/du", "bucket=" + bucket + "&depth=1");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).hasValueSatisfying(type -> type.startsWith("application/x-ndjson"));
        assertThat(response.body().lines()).containsExactly(
                "{\"prefix\":\"\",\"objects\":3,\"bytes\":" + (300 + 300 + (5 << 20) + 1000) + "}",
                "{\"prefix\":\"logs/\",\"objects\":1,\"bytes\":150}");
    }

    @Test
    void findStreamsTheMatchingObjects() {
        RawResponse response = get("/admin/find", "bucket=" + bucket + "&prefix=c&largerThan=10");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().lines()).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("\"size\":300"))
                .anySatisfy(line -> assertThat(line).startsWith("{\"key\":\"c-copy\""));
    }

    @Test
    void statsAnswersOneLinePerBucket() {
        RawResponse response = get("/admin/stats", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().lines()).anySatisfy(line ->
                assertThat(line).startsWith("{\"bucket\":\"" + bucket + "\",\"objects\":"));
    }

    @Test
    void badParametersAreRefusedWith400() {
        assertThat(get("/admin/du", "bucket=" + bucket + "&depth=deep").errorCode()).isEqualTo("InvalidArgument");
        assertThat(get("/admin/du", "depth=1").status()).isEqualTo(400);
        assertThat(get("/admin/find", "bucket=" + bucket + "&olderThan=yesterday").status()).isEqualTo(400);
        assertThat(get("/admin/find", "bucket=" + bucket + "&largerthan=5").errorCode()).isEqualTo("InvalidArgument");
        assertThat(get("/admin/du", "bucket=no-such-bucket-here").errorCode()).isEqualTo("NoSuchBucket");
        assertThat(get("/admin/nothing", null).status()).isEqualTo(404);
    }

    @Test
    void adminIsAReservedBucketName() {
        assertThatThrownBy(() -> s3.createBucket(create -> create.bucket("admin")))
                .isInstanceOfSatisfying(S3Exception.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidBucketName"));
    }

    @Test
    void adminStatsLiveCommandPrintsTheEndpointsDocument() {
        Await.until(CONVERGE, "live stats know " + bucket, () -> liveBucket().isPresent());

        String json = run("admin", "stats", "--live", "--json", "--data-dir", fixture.dataDir().toString(),
                "--access-key", BlobpipeFixture.ACCESS_KEY, "--secret-key", BlobpipeFixture.SECRET_KEY);
        String table = run("admin", "stats", "--live", "--data-dir", fixture.dataDir().toString(),
                "--access-key", BlobpipeFixture.ACCESS_KEY, "--secret-key", BlobpipeFixture.SECRET_KEY);

        assertThat(((List<?>) ((Map<?, ?>) JsonReader.parse(json)).get("buckets")))
                .anySatisfy(row -> assertThat(((Map<?, ?>) row).get("bucket")).isEqualTo(bucket));
        assertThat(table.lines()).anySatisfy(line -> assertThat(line).endsWith("  " + bucket));
    }

    private static Optional<Map<?, ?>> liveBucket() {
        for (Object row : (List<?>) liveDocument().get("buckets")) {
            Map<?, ?> entry = (Map<?, ?>) row;
            if (bucket.equals(entry.get("bucket"))) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    private static Map<?, ?> liveDocument() {
        RawResponse response = get("/admin/stats/live", null);
        if (response.status() != 200) {
            throw new IllegalStateException("live stats answered " + response);
        }
        return (Map<?, ?>) JsonReader.parse(response.body());
    }

    private static RawResponse get(String path, String rawQuery) {
        var request = http.request(SdkHttpMethod.GET, path);
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                request.appendRawQueryParameter(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return http.send(http.sign(request, new byte[0]));
    }

    private static BucketStats catalogStats() {
        Jdbi jdbi = AdminConnection.open(CatalogConfig.Values.defaults(jdbcUrl(),
                CatalogConfig.JDBC_USER.defaultValue(), CatalogConfig.JDBC_PASSWORD.defaultValue()));
        return new BucketStatistics(jdbi).all().stream().filter(row -> row.bucket().equals(bucket)).findFirst()
                .orElseThrow();
    }

    private static String jdbcUrl() {
        try {
            return DevRuntime.read(fixture.dataDir()).jdbcUrl();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        return out.toString();
    }

    private static void put(String key, int size) {
        s3.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromBytes(new byte[size]));
    }
}
