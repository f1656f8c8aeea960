package dev.blobpipe.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Requests without a signature and without a body, as a health probe or a stranger sends them. */
public final class UnsignedHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private UnsignedHttp() {
    }

    /** Sends {@code method} for {@code path} (raw, already encoded) at {@code endpoint}. */
    public static RawResponse send(URI endpoint, String method, String path) {
        URI uri = endpoint.resolve(path);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new RawResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + uri, e);
        }
    }
}
