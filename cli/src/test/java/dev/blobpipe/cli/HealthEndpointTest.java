package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.RawResponse;
import dev.blobpipe.cli.testing.ServeCluster;
import dev.blobpipe.cli.testing.UnsignedHttp;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.ingest.auth.CredentialStore;
import dev.blobpipe.schemas.config.ConfigValues;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/health} of real serve processes, asked without a signature as a probe asks: up while every role
 * of the process works, 503 naming the role that stopped. A broker and a PostgreSQL of this test's own, since the
 * fenced archiver must not be the one other tests rely on.
 */
class HealthEndpointTest {
    private static final String ACCESS_KEY = "BLOBPIPEHEALTHKEY001";
    private static final String SECRET_KEY = "blobpipe-health-secret-key-00000000000000";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static ServeCluster cluster;
    /** Every role in one process, as {@code blobpipe dev} runs them. */
    private static ServeSystem everything;

    @BeforeAll
    static void start() throws Exception {
        cluster = ServeCluster.start("health");
        everything = ServeSystem.start(EnumSet.allOf(Role.class), credentials(), Settings.validated(settings()));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (everything != null) {
                everything.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void unsignedProbeAnswersUpNamingEveryRoleOfTheProcess() {
        // the live stats are down until both Streams applications have joined their groups
        RawResponse health = Await.value(WAIT, "every role up", () -> {
            RawResponse reply = UnsignedHttp.send(everything.endpoint(), "GET", "/admin/health");
            return reply.status() == 200 ? reply : null;
        });

        assertThat(health.header("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(health.body()).isEqualTo("{\"status\":\"up\",\"components\":{"
                + "\"catalog\":{\"status\":\"up\"},\"archiver\":{\"status\":\"up\"},"
                + "\"compactor\":{\"status\":\"up\"},\"stats\":{\"status\":\"up\"}}}\n");
    }

    @Test
    void unsignedRequestForAnyOtherAdminPathIsStillRefused() {
        RawResponse stats = UnsignedHttp.send(everything.endpoint(), "GET", "/admin/stats");
        RawResponse nearHealth = UnsignedHttp.send(everything.endpoint(), "GET", "/admin/health/");

        assertThat(stats.status()).isEqualTo(403);
        assertThat(stats.xmlElement("Code")).hasValue("AccessDenied");
        assertThat(nearHealth.status()).isEqualTo(403);
        assertThat(nearHealth.xmlElement("Code")).hasValue("AccessDenied");
    }

    @Test
    void archiverFencedByASecondProcessWithItsInstanceIdMakesTheProbeAnswer503NamingIt() throws IOException {
        // given a process running ingest-api and an archiver of its own group and instance id, up
        Map<String, String> raw = settings();
        raw.put("archiver.instance.id", "health-twin");
        raw.put("archiver.group.id", "blobpipe-archiver-health-twins");
        ConfigValues twinSettings = Settings.validated(raw);
        try (ServeSystem first = ServeSystem.start(EnumSet.of(Role.INGEST_API, Role.ARCHIVER), credentials(),
                twinSettings)) {
            Await.until(WAIT, "first archiver up",
                    () -> UnsignedHttp.send(first.endpoint(), "GET", "/admin/health").status() == 200);

            // when a second process starts an archiver with the same instance id
            try (ServeSystem second = ServeSystem.start(EnumSet.of(Role.ARCHIVER), null, twinSettings)) {

                // then the first one's archiver is fenced for good, and its health says so
                RawResponse health = Await.value(WAIT, "first archiver reported fenced", () -> {
                    RawResponse reply = UnsignedHttp.send(first.endpoint(), "GET", "/admin/health");
                    return reply.status() == 503 ? reply : null;
                });
                assertThat(health.body()).isEqualTo("{\"status\":\"down\",\"components\":{\"archiver\":{"
                        + "\"status\":\"down\",\"reason\":\"fenced by another archiver with the same instance id\"}}}"
                        + "\n");
            }
        }
    }

    private static CredentialStore credentials() {
        return CredentialStore.single(ACCESS_KEY, SECRET_KEY);
    }

    private static Map<String, String> settings() {
        return cluster.settings();
    }
}
