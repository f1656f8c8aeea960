package dev.blobpipe.cli.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/** Requests without a signature and without a body, as a health probe or a stranger sends them. */
public final class UnsignedHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private UnsignedHttp() {
    }

    /** Sends {@code method} for {@code path} (raw, already encoded) at {@code endpoint}. */
    public static RawResponse send(URI endpoint, String method, String path) {
        return RawResponse.send(HTTP, HttpRequest.newBuilder(endpoint.resolve(path)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }
}
