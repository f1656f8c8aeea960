package dev.blobpipe.ingest.admin;

import dev.blobpipe.catalog.admin.JsonWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One answer of {@code GET /admin/health}, whichever port asks (the S3 port's {@code HealthHandler} or cli's separate
 * {@link HealthPort}): 200 when every component is up, else 503, with
 * {@code {"status":"up","components":{"archiver":{"status":"up"},…}}} (a down component adds its reason), so both
 * ports answer byte for byte the same.
 */
public record HealthReport(List<ComponentHealth> components) {
    /** The one path, matched exactly on the raw (undecoded) request path, so no other spelling escapes a signature. */
    public static final String PATH = "/admin/health";

    public HealthReport {
        components = List.copyOf(components);
    }

    /** Asks every check once, in order; no checks answer up with no components. */
    public static HealthReport of(List<HealthCheck> checks) {
        List<ComponentHealth> components = new ArrayList<>(checks.size());
        for (HealthCheck check : checks) {
            components.add(check.check());
        }
        return new HealthReport(components);
    }

    /** GET or HEAD of exactly {@link #PATH}; the query is ignored (probes may add cache busters). */
    public static boolean isProbe(String method, String rawPath) {
        return PATH.equals(rawPath) && ("GET".equals(method) || "HEAD".equals(method));
    }

    public boolean up() {
        return components.stream().allMatch(ComponentHealth::up);
    }

    public int httpStatus() {
        return up() ? 200 : 503;
    }

    /** The response headers besides the status line's: Content-Type, and Cache-Control so no cache repeats an "up". */
    public Map<String, String> headers() {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        // a cached "up" would hide a component that just went down
        headers.put("Cache-Control", "no-store");
        return headers;
    }

    /** Writes the JSON document and a newline to {@code body}, flushing but not closing it. */
    public void writeJson(OutputStream body) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
        var json = new JsonWriter(out);
        json.beginObject().field("status", status(up())).name("components").beginObject();
        for (ComponentHealth component : components) {
            json.name(component.name()).beginObject().field("status", status(component.up()));
            if (!component.up()) {
                json.field("reason", component.reason());
            }
            json.endObject();
        }
        json.endObject().endObject();
        out.write('\n');
        out.flush();
    }

    private static String status(boolean up) {
        return up ? "up" : "down";
    }
}
