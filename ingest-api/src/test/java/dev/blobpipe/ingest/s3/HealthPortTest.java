package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.ingest.IngestConfig;
import dev.blobpipe.ingest.admin.ComponentHealth;
import dev.blobpipe.ingest.admin.HealthCheck;
import dev.blobpipe.ingest.admin.HealthPort;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The separate health port on a real Jetty: the same answer as the S3 port's {@code /admin/health} for the same
 * checks, and nothing else (404 for any other path, 405 for another method).
 */
class HealthPortTest {
    private final InMemoryBackend fakes = new InMemoryBackend();
    private final AtomicReference<ComponentHealth> archiver = new AtomicReference<>(ComponentHealth.up("archiver"));
    private final List<HealthCheck> checks = List.of(() -> ComponentHealth.up("catalog"), archiver::get);
    private HealthPort health;

    @BeforeEach
    void start() throws IOException {
        health = HealthPort.start("127.0.0.1", 0, checks);
    }

    @AfterEach
    void stop() {
        health.close();
    }

    @Test
    void answersByteForByteWhatTheS3PortAnswersUpAndDown() throws IOException {
        try (S3Server s3 = S3Server.start(IngestConfig.from(InMemoryBackend.serverSettings()), fakes.backend(), null,
                checks)) {
            for (ComponentHealth state : List.of(ComponentHealth.up("archiver"),
                    ComponentHealth.down("archiver", "fenced by another archiver with the same instance id"))) {
                archiver.set(state);

                var fromHealthPort = RawHttp.send(health.port(), "GET", "/admin/health");
                var fromS3Port = RawHttp.send(s3.port(), "GET", "/admin/health");

                assertThat(fromHealthPort.status()).isEqualTo(fromS3Port.status()).isEqualTo(state.up() ? 200 : 503);
                assertThat(fromHealthPort.text()).isEqualTo(fromS3Port.text()).contains("\"catalog\"");
                for (String header : List.of("content-type", "cache-control")) {
                    assertThat(fromHealthPort.header(header)).isNotNull().isEqualTo(fromS3Port.header(header));
                }
            }
        }
    }

    @Test
    void headAnswersTheStatusWithoutBody() throws IOException {
        archiver.set(ComponentHealth.down("archiver", "stopped"));

        var reply = RawHttp.send(health.port(), "HEAD", "/admin/health");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(reply.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/admin/health/", "/admin/healthz", "/admin/%68ealth",
            "/admin/stats", "/bucket/key"})
    void anyOtherPathIsNotFoundWithEmptyBody(String path) throws IOException {
        var reply = RawHttp.send(health.port(), "GET", path);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void anotherMethodOnTheHealthPathIsNotAllowed() throws IOException {
        var reply = RawHttp.send(health.port(), "POST", "/admin/health", Map.of(), new byte[0]);

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("allow")).isEqualTo("GET, HEAD");
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void closingTwiceIsSafeAndFreesThePort() throws IOException {
        int port = health.port();

        health.close();
        health.close();

        try (HealthPort again = HealthPort.start("127.0.0.1", port, checks)) {
            assertThat(RawHttp.send(again.port(), "GET", "/admin/health").status()).isEqualTo(200);
        }
    }
}
