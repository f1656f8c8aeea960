package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.RawResponse;
import dev.blobpipe.cli.testing.ServeCluster;
import dev.blobpipe.cli.testing.UnsignedHttp;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.ingest.auth.CredentialStore;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * serve.health.port of real serve processes: a catalog and archiver process, which has no S3 port, answers an
 * unsigned {@code /admin/health} there; with ingest-api the health port and the S3 port answer alike.
 */
class ServeHealthPortTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static ServeCluster cluster;
    /** catalog and archiver only: no S3 port. */
    private static ServeSystem backOffice;

    @BeforeAll
    static void start() throws Exception {
        cluster = ServeCluster.start("healthport");
        backOffice = ServeSystem.start(EnumSet.of(Role.CATALOG, Role.ARCHIVER), null,
                Settings.validated(settingsWithHealthPort()));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (backOffice != null) {
                backOffice.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void processWithoutIngestApiAnswersUpOnItsHealthPortNamingItsRoles() {
        // the archiver's and the indexer's consumers start in the background
        RawResponse health = Await.value(WAIT, "catalog and archiver up", () -> {
            RawResponse reply = UnsignedHttp.send(backOffice.healthEndpoint(), "GET", "/admin/health");
            return reply.status() == 200 ? reply : null;
        });

        assertThat(backOffice.endpoint()).isNull();
        assertThat(health.header("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(health.header("Cache-Control")).hasValue("no-store");
        assertThat(health.body()).isEqualTo("{\"status\":\"up\",\"components\":{"
                + "\"catalog\":{\"status\":\"up\"},\"archiver\":{\"status\":\"up\"}}}\n");
    }

    @Test
    void headProbeAnswersTheGetStatusWithoutBody() {
        Await.until(WAIT, "catalog and archiver up",
                () -> UnsignedHttp.send(backOffice.healthEndpoint(), "GET", "/admin/health").status() == 200);

        RawResponse head = UnsignedHttp.send(backOffice.healthEndpoint(), "HEAD", "/admin/health");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void anyOtherPathOnTheHealthPortIsNotFound() {
        RawResponse stats = UnsignedHttp.send(backOffice.healthEndpoint(), "GET", "/admin/stats");
        RawResponse root = UnsignedHttp.send(backOffice.healthEndpoint(), "GET", "/");

        assertThat(stats.status()).isEqualTo(404);
        assertThat(stats.body()).isEmpty();
        assertThat(root.status()).isEqualTo(404);
    }

    @Test
    void withIngestApiTheHealthPortAndTheS3PortAnswerAlike() throws IOException {
        // ingest-api has no check of its own: the two ports must still give one answer
        try (ServeSystem front = ServeSystem.start(EnumSet.of(Role.INGEST_API),
                CredentialStore.single("BLOBPIPEHEALTHPORT01", "blobpipe-healthport-secret-key-0000000000"),
                Settings.validated(settingsWithHealthPort()))) {
            RawResponse fromHealthPort = UnsignedHttp.send(front.healthEndpoint(), "GET", "/admin/health");
            RawResponse fromS3Port = UnsignedHttp.send(front.endpoint(), "GET", "/admin/health");

            assertThat(front.healthEndpoint().getPort()).isNotEqualTo(front.endpoint().getPort());
            assertThat(fromHealthPort.status()).isEqualTo(fromS3Port.status()).isEqualTo(200);
            assertThat(fromHealthPort.body()).isEqualTo(fromS3Port.body())
                    .isEqualTo("{\"status\":\"up\",\"components\":{}}\n");
        }
    }

    private static Map<String, String> settingsWithHealthPort() {
        Map<String, String> settings = cluster.settings();
        settings.put("serve.health.port", "0");
        return settings;
    }
}
