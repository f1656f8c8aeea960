package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blobpipe.cli.testing.S3Errors;
import dev.blobpipe.cli.testing.ServeCluster;
import dev.blobpipe.cli.testing.TextBody;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.ingest.auth.CredentialStore;
import dev.blobpipe.schemas.config.ConfigValues;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * {@code blobpipe serve} against infrastructure it does not own: a broker and a PostgreSQL of this test's own (the
 * topic names are fixed, so the shared broker of other tests will not do), with the roles split over two systems.
 */
class ServeCommandTest {
    private static final String ACCESS_KEY = "BLOBPIPESERVEKEY0001";
    private static final String SECRET_KEY = "blobpipe-serve-secret-key-000000000000000";

    private static ServeCluster cluster;

    @BeforeAll
    static void startInfrastructure() throws Exception {
        cluster = ServeCluster.start("serve");
    }

    @AfterAll
    static void stopInfrastructure() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void objectPutThroughOneServeProcessIsReadBackOnceAnotherIndexedAndArchivedIt() throws Exception {
        ConfigValues settings = Settings.validated(serveSettings());

        try (ServeSystem backend = ServeSystem.start(EnumSet.of(Role.CATALOG, Role.ARCHIVER, Role.COMPACTOR), null,
                settings);
                ServeSystem front = ServeSystem.start(EnumSet.of(Role.INGEST_API),
                        CredentialStore.single(ACCESS_KEY, SECRET_KEY), settings);
                S3Client client = client(front)) {
            client.createBucket(request -> request.bucket("serve"));

            client.putObject(request -> request.bucket("serve").key("greeting"), TextBody.of("hello from serve"));

            String body = client.getObjectAsBytes(request -> request.bucket("serve").key("greeting"))
                    .asString(StandardCharsets.UTF_8);
            assertThat(body).isEqualTo("hello from serve");
            assertThat(backend.endpoint()).isNull();
        }
    }

    @Test
    void durablePutAnswersWhileNoIndexerRunsAndIsReadableOnceOneStarts() throws Exception {
        // given: the bucket exists, then only ingest-api runs, so nothing applies blobpipe.events to the catalog (a
        // PUT that waited for visibility would get 503 after 3 s)
        Map<String, String> raw = serveSettings();
        raw.put("ingest.visibility.timeout", "PT3S");
        ConfigValues settings = Settings.validated(raw);
        try (ServeSystem front = ServeSystem.start(EnumSet.of(Role.INGEST_API),
                CredentialStore.single(ACCESS_KEY, SECRET_KEY), settings);
                S3Client client = client(front)) {
            try (ServeSystem backend = ServeSystem.start(EnumSet.of(Role.CATALOG, Role.ARCHIVER), null, settings)) {
                client.createBucket(request -> request.bucket("shipped-logs"));
            }

            // when
            PutObjectResponse response = client.putObject(request -> request.bucket("shipped-logs").key("app.log")
                    .overrideConfiguration(override -> override.putHeader("x-blobpipe-ack", "durable")),
                    TextBody.of("shipped while the catalog was down"));

            // then: answered from Kafka's acknowledgement alone, readable once an indexer runs again
            assertThat(response.sdkHttpResponse().firstMatchingHeader("x-blobpipe-ack")).hasValue("durable");
            S3Errors.assertKeyAbsent(client, "shipped-logs", "app.log");
            try (ServeSystem backend = ServeSystem.start(EnumSet.of(Role.CATALOG, Role.ARCHIVER), null, settings)) {
                String body = Await.value(Duration.ofSeconds(60), "durable PUT readable once the catalog runs",
                        () -> client.getObjectAsBytes(request -> request.bucket("shipped-logs").key("app.log"))
                                .asString(StandardCharsets.UTF_8));
                assertThat(body).isEqualTo("shipped while the catalog was down");
            }
        }
    }

    @Test
    void refusesAnUnknownRoleNamingTheValidOnes() {
        var err = new StringWriter();

        int exit = Main.commandLine().setErr(new PrintWriter(err)).execute("serve", "--roles=catalog,indexer");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(
                "unknown role 'indexer'; valid roles: ingest-api,catalog,archiver,compactor,stats");
    }

    @Test
    void refusesIngestApiWithoutCredentials() {
        assumeTrue(System.getenv(ServeCommand.ACCESS_KEY_ENV) == null
                && System.getenv(ServeCommand.SECRET_KEY_ENV) == null, "credentials are set in the environment");
        var err = new StringWriter();

        int exit = Main.commandLine().setErr(new PrintWriter(err))
                .execute(args("serve", "--roles=ingest-api", "--access-key", ACCESS_KEY));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("ingest-api needs an access key and a secret key")
                .doesNotContain(ACCESS_KEY);
    }

    @Test
    void refusesToStartWithoutAKafkaCluster() {
        var err = new StringWriter();

        int exit = Main.commandLine().setErr(new PrintWriter(err)).execute("serve", "--roles=catalog");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("missing setting serve.kafka.bootstrap.servers");
    }

    private static String[] args(String... args) {
        return args;
    }

    private static Map<String, String> serveSettings() {
        return cluster.settings();
    }

    private static S3Client client(ServeSystem system) {
        return S3Client.builder()
                .endpointOverride(system.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .forcePathStyle(true)
                .build();
    }
}
