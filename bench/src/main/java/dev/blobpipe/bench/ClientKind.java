package dev.blobpipe.bench;

import java.util.Locale;

/**
 * The S3 clients the comparison drives servers with: the AWS SDK v2 sync client for every step, and the presigned-URL
 * client, much cheaper per request, for the small-object steps, so that what those measure is the server.
 */
enum ClientKind {
    SDK(""), LIGHT(" (light)");

    private final String rowSuffix;

    ClientKind(String rowSuffix) {
        this.rowSuffix = rowSuffix;
    }

    /** The name a step driven by this client goes by in tables and charts: {@code get-small (light)}. */
    String row(String workload) {
        return workload + rowSuffix;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
