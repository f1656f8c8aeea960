package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.ingest.IngestConfig;
import dev.blobpipe.ingest.admin.AdminQueries;
import dev.blobpipe.ingest.admin.ComponentHealth;
import dev.blobpipe.ingest.admin.HealthCheck;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /admin/health} on a real Jetty: answered without authentication (every signature is refused here), 200 or
 * 503 from the checks it was given, while every other admin request still needs a valid signature.
 */
class HealthServerTest {
    private final InMemoryBackend fakes = new InMemoryBackend();
    private final AtomicReference<ComponentHealth> archiver = new AtomicReference<>(ComponentHealth.up("archiver"));
    private S3Server server;
    private int port;

    @BeforeEach
    void start() throws IOException {
        fakes.authFailure = new S3Exception(S3Error.ACCESS_DENIED, "Anonymous access is not supported.");
        List<HealthCheck> checks = List.of(() -> ComponentHealth.up("catalog"), archiver::get);
        server = S3Server.start(IngestConfig.from(InMemoryBackend.serverSettings()), fakes.backend(), null, checks);
        port = server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void unsignedProbeAnswersUpWhenEveryComponentIsUp() throws IOException {
        var reply = RawHttp.send(port, "GET", "/admin/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(reply.header("cache-control")).isEqualTo("no-store");
        assertThat(reply.text()).isEqualTo("{\"status\":\"up\",\"components\":{\"catalog\":{\"status\":\"up\"},"
                + "\"archiver\":{\"status\":\"up\"}}}\n");
    }

    @Test
    void oneComponentDownMakesTheProbeAnswer503NamingItAndWhy() throws IOException {
        archiver.set(ComponentHealth.down("archiver", "fenced by another archiver with the same instance id"));

        var reply = RawHttp.send(port, "GET", "/admin/health");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.text()).isEqualTo("{\"status\":\"down\",\"components\":{\"catalog\":{\"status\":\"up\"},"
                + "\"archiver\":{\"status\":\"down\",\"reason\":\"fenced by another archiver with the same instance"
                + " id\"}}}\n");
    }

    @Test
    void headProbeAnswersTheSameStatusWithoutBody() throws IOException {
        archiver.set(ComponentHealth.down("archiver", "stopped"));

        var reply = RawHttp.send(port, "HEAD", "/admin/health");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void probeWithoutChecksAnswersUpWithNoComponents() throws IOException {
        try (S3Server bare = S3Server.start(IngestConfig.from(InMemoryBackend.serverSettings()), fakes.backend())) {
            var reply = RawHttp.send(bare.port(), "GET", "/admin/health");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.text()).isEqualTo("{\"status\":\"up\",\"components\":{}}\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /admin/stats", "GET /admin/du?bucket=b", "GET /admin/health/", "GET /admin/healthz",
            "GET /admin/%68ealth", "GET /admin//health", "GET /admin/health/../stats", "PUT /admin/health",
            "POST /admin/health", "DELETE /admin/health"})
    void everyOtherAdminRequestStillNeedsAValidSignature(String request) throws IOException {
        String[] methodAndTarget = request.split(" ");
        byte[] body = "GET".equals(methodAndTarget[0]) ? null : new byte[0];

        var reply = RawHttp.send(port, methodAndTarget[0], methodAndTarget[1], Map.of(), body);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.text()).contains("<Code>AccessDenied</Code>").doesNotContain("status");
    }

    @Test
    void signedRequestWithAnotherMethodOnHealthIsMethodNotAllowed() throws IOException {
        fakes.authFailure = null;
        // the queries are never run: Jdbi connects on first use only
        var admin = AdminQueries.on(Jdbi.create("jdbc:postgresql://127.0.0.1:1/unused"), null);
        try (S3Server withAdmin = S3Server.start(IngestConfig.from(InMemoryBackend.serverSettings()),
                fakes.backend(), admin, List.of())) {
            var reply = RawHttp.send(withAdmin.port(), "POST", "/admin/health", Map.of(), new byte[0]);

            assertThat(reply.status()).isEqualTo(405);
            assertThat(reply.text()).contains("<Code>MethodNotAllowed</Code>");
        }
    }
}
