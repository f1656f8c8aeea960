package dev.blobpipe.ingest.s3;

import dev.blobpipe.ingest.admin.ComponentHealth;
import dev.blobpipe.ingest.admin.HealthCheck;
import dev.blobpipe.catalog.admin.JsonWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /admin/health} and {@code HEAD /admin/health}: 200 when every component of this process is up, else
 * 503, with {@code {"status":"up","components":{"archiver":{"status":"up"},…}}} (a down component adds its reason).
 * The one admin endpoint answered without authentication, because probes (Kubernetes, load balancers) cannot sign; so
 * it tells component names, up or down and short reasons, nothing else. That this port answers at all is the S3 API's
 * part.
 */
final class HealthHandler {
    static final String PATH = AdminHandler.PREFIX + "/health";

    private final List<HealthCheck> checks;

    HealthHandler(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /**
     * Whether a request is a health probe: GET or HEAD of exactly {@code /admin/health} as sent (raw, undecoded), so no
     * other path, spelling or method escapes authentication. Its query is ignored (probes may add cache busters).
     */
    static boolean isHealthProbe(String method, String rawPath) {
        return PATH.equals(rawPath) && ("GET".equals(method) || "HEAD".equals(method));
    }

    void handle(S3Call call) throws IOException {
        List<ComponentHealth> components = new ArrayList<>(checks.size());
        for (HealthCheck check : checks) {
            components.add(check.check());
        }
        boolean up = components.stream().allMatch(ComponentHealth::up);
        call.status(up ? 200 : 503);
        call.responseHeader("Content-Type", AdminHandler.JSON);
        // a cached "up" would hide a component that just went down
        call.responseHeader("Cache-Control", "no-store");
        if (call.isHead()) {
            return;
        }
        try (Writer out = new BufferedWriter(new OutputStreamWriter(call.openBody(), StandardCharsets.UTF_8))) {
            var json = new JsonWriter(out);
            json.beginObject().field("status", status(up)).name("components").beginObject();
            for (ComponentHealth component : components) {
                json.name(component.name()).beginObject().field("status", status(component.up()));
                if (!component.up()) {
                    json.field("reason", component.reason());
                }
                json.endObject();
            }
            json.endObject().endObject();
            out.write('\n');
        }
    }

    private static String status(boolean up) {
        return up ? "up" : "down";
    }
}
