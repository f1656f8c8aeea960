package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.schemas.CorsRule;
import dev.blobpipe.schemas.ObjectEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CORS over HTTP: the configuration operations, unauthenticated preflights, headers on actual requests. */
class CorsServerTest {
    private static final String CONFIGURATION = "<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<CORSRule><ID>web</ID><AllowedOrigin>https://*.example.com</AllowedOrigin>"
            + "<AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>"
            + "<AllowedHeader>Content-*</AllowedHeader><AllowedHeader>x-amz-date</AllowedHeader>"
            + "<ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule>"
            + "<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>HEAD</AllowedMethod></CORSRule>"
            + "</CORSConfiguration>";

    private final InMemoryBackend fakes = new InMemoryBackend();
    private S3Server server;
    private int port;

    @BeforeEach
    void start() throws IOException {
        server = fakes.startServer();
        port = server.port();
        fakes.createBucket("bkt");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void configurationIsStoredReadBackAndDeleted() throws IOException {
        var put = RawHttp.send(port, "PUT", "/bkt?cors", Map.of(), CONFIGURATION.getBytes(StandardCharsets.UTF_8));
        var get = RawHttp.send(port, "GET", "/bkt?cors");
        var deleted = RawHttp.send(port, "DELETE", "/bkt?cors");
        var gone = RawHttp.send(port, "GET", "/bkt?cors");

        assertThat(put.status()).as(put.text()).isEqualTo(200);
        var set = (ObjectEvent.BucketCorsSet) fakes.events.get(0);
        assertThat(set.rules()).hasSize(2);
        assertThat(set.rules().get(0)).isEqualTo(new CorsRule("web", List.of("https://*.example.com"),
                List.of("GET", "PUT"), List.of("Content-*", "x-amz-date"), List.of("ETag"), 600));
        assertThat(get.text()).contains("<CORSConfiguration").contains("<ID>web</ID>")
                .contains("<AllowedOrigin>https://*.example.com</AllowedOrigin>")
                .contains("<MaxAgeSeconds>600</MaxAgeSeconds>");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.text()).contains("<Code>NoSuchCORSConfiguration</Code>");
    }

    @Test
    void invalidConfigurationsAreRefused() throws IOException {
        String badMethod = CONFIGURATION.replace("<AllowedMethod>HEAD</AllowedMethod>",
                "<AllowedMethod>PATCH</AllowedMethod>");
        String twoWildcards = CONFIGURATION.replace("https://*.example.com", "https://*.example.*");
        String noOrigin = "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule>"
                + "</CORSConfiguration>";

        assertThat(putCors(badMethod).text()).contains("<Code>InvalidRequest</Code>");
        assertThat(putCors(twoWildcards).text()).contains("<Code>InvalidRequest</Code>");
        assertThat(putCors(noOrigin).text()).contains("<Code>MalformedXML</Code>");
        assertThat(fakes.events).isEmpty();
    }

    @Test
    void allowedPreflightIsAnsweredWithoutAuthentication() throws IOException {
        putCors(CONFIGURATION);
        fakes.authFailure = new S3Exception(S3Error.ACCESS_DENIED);

        var reply = RawHttp.send(port, "OPTIONS", "/bkt/photos/cat.png", Map.of("Origin", "https://app.example.com",
                "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "content-type, X-Amz-Date"), null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("access-control-allow-origin")).isEqualTo("https://app.example.com");
        assertThat(reply.header("access-control-allow-methods")).isEqualTo("GET, PUT");
        assertThat(reply.header("access-control-allow-headers")).isEqualTo("content-type, x-amz-date");
        assertThat(reply.header("access-control-max-age")).isEqualTo("600");
        assertThat(reply.header("access-control-expose-headers")).isEqualTo("ETag");
        assertThat(reply.header("vary")).contains("Origin");
    }

    @Test
    void refusedPreflightIsAccessForbidden() throws IOException {
        putCors(CONFIGURATION);

        var wrongOrigin = preflight("/bkt/k", "https://evil.test", "PUT", null);
        var wrongMethod = preflight("/bkt/k", "https://app.example.com", "DELETE", null);
        var wrongHeader = preflight("/bkt/k", "https://app.example.com", "PUT", "x-custom");
        var noConfiguration = preflight("/other/k", "https://app.example.com", "GET", null);

        for (RawHttp.Reply reply : List.of(wrongOrigin, wrongMethod, wrongHeader, noConfiguration)) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.text()).contains("<Code>AccessForbidden</Code>");
            assertThat(reply.header("access-control-allow-origin")).isNull();
        }
    }

    @Test
    void actualRequestsFromAnAllowedOriginGetTheHeadersEvenOnErrors() throws IOException {
        putCors(CONFIGURATION);
        fakes.putObject("bkt", "k", new byte[] {1}, Map.of());

        var allowed = RawHttp.send(port, "GET", "/bkt/k", Map.of("Origin", "https://app.example.com"), null);
        var missing = RawHttp.send(port, "GET", "/bkt/nope", Map.of("Origin", "https://app.example.com"), null);
        var refused = RawHttp.send(port, "GET", "/bkt/k", Map.of("Origin", "https://evil.test"), null);
        var anyOrigin = RawHttp.send(port, "HEAD", "/bkt/k", Map.of("Origin", "https://evil.test"), null);

        assertThat(allowed.header("access-control-allow-origin")).isEqualTo("https://app.example.com");
        assertThat(allowed.header("access-control-expose-headers")).isEqualTo("ETag");
        assertThat(allowed.header("vary")).contains("Origin");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("access-control-allow-origin")).isEqualTo("https://app.example.com");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.header("access-control-allow-origin")).isNull();
        assertThat(anyOrigin.header("access-control-allow-origin")).isEqualTo("*");
    }

    private RawHttp.Reply putCors(String document) throws IOException {
        return RawHttp.send(port, "PUT", "/bkt?cors", Map.of(), document.getBytes(StandardCharsets.UTF_8));
    }

    private RawHttp.Reply preflight(String target, String origin, String method, String headers) throws IOException {
        var request = new java.util.LinkedHashMap<String, String>();
        request.put("Origin", origin);
        request.put("Access-Control-Request-Method", method);
        if (headers != null) {
            request.put("Access-Control-Request-Headers", headers);
        }
        return RawHttp.send(port, "OPTIONS", target, request, null);
    }
}
