package dev.blobpipe.ingest.s3;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The decoded parameters of a query string in arrival order; for a repeated name the first value counts. A name
 * without '=' (a subresource such as {@code ?acl}) has the value "".
 */
final class QueryParams {
    static final QueryParams EMPTY = new QueryParams(Map.of());

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    /** Parses a raw query string (null or empty: no parameters); bad escapes are InvalidURI. */
    static QueryParams parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return EMPTY;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = PercentEncoding.decodeQuery(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : PercentEncoding.decodeQuery(pair.substring(equals + 1));
            values.putIfAbsent(name, value);
        }
        return new QueryParams(Collections.unmodifiableMap(values));
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value, or null when absent. */
    String get(String name) {
        return values.get(name);
    }

    Set<String> names() {
        return values.keySet();
    }

    @Override
    public String toString() {
        return values.keySet().toString();
    }
}
