package dev.blobpipe.ingest.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the verifier needs of an HTTP request, as received: method, the raw (still percent-encoded) path, the raw
 * query string (null when absent), and the headers by lower-case name with their values in arrival order.
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        headers = Map.copyOf(headers);
    }

    /** The first value of a header (name in lower case), or null. */
    public String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
