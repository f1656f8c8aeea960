package dev.blobpipe.ingest.admin;

/**
 * Whether one component of this process is working, asked on every {@code GET /admin/health}: cli wires one per role
 * it started (ingest-api depends on none of them). It must answer at once from state the component keeps, without
 * I/O, since probes call it every few seconds.
 */
@FunctionalInterface
public interface HealthCheck {
    ComponentHealth check();
}
