package dev.blobpipe.ingest.s3;

import dev.blobpipe.ingest.admin.HealthCheck;
import dev.blobpipe.ingest.admin.HealthReport;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * {@code GET /admin/health} and {@code HEAD /admin/health} on the S3 port, answering the {@link HealthReport} of its
 * checks. The one admin endpoint answered without authentication, because probes (Kubernetes, load balancers) cannot
 * sign; so it tells component names, up or down and short reasons, nothing else. That this port answers at all is the
 * S3 API's part.
 */
final class HealthHandler {
    private final List<HealthCheck> checks;

    HealthHandler(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /**
     * Whether a request is a health probe: GET or HEAD of exactly {@code /admin/health} as sent (raw, undecoded), so no
     * other path, spelling or method escapes authentication.
     */
    static boolean isHealthProbe(String method, String rawPath) {
        return HealthReport.isProbe(method, rawPath);
    }

    void handle(S3Call call) throws IOException {
        HealthReport report = HealthReport.of(checks);
        call.status(report.httpStatus());
        report.headers().forEach(call::responseHeader);
        if (call.isHead()) {
            return;
        }
        try (OutputStream body = call.openBody()) {
            report.writeJson(body);
        }
    }
}
