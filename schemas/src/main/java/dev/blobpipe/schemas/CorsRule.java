package dev.blobpipe.schemas;

import java.util.List;
import java.util.Objects;

/**
 * One CORS rule of a bucket, as PutBucketCors gives it: which origins may use which methods with which request
 * headers, which response headers the browser may read, and how long a preflight answer may be cached (-1: unset).
 */
public record CorsRule(String id, List<String> allowedOrigins, List<String> allowedMethods,
        List<String> allowedHeaders, List<String> exposeHeaders, int maxAgeSeconds) {
    public CorsRule {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedMethods = List.copyOf(allowedMethods);
        allowedHeaders = List.copyOf(allowedHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
        if (allowedOrigins.isEmpty() || allowedMethods.isEmpty()) {
            throw new IllegalArgumentException("a CORS rule needs at least one origin and one method");
        }
        id = Objects.requireNonNullElse(id, "");
    }
}
