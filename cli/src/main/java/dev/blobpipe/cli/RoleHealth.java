package dev.blobpipe.cli;

import dev.blobpipe.archiver.Archiver;
import dev.blobpipe.catalog.EventIndexer;
import dev.blobpipe.compactor.Compactor;
import dev.blobpipe.ingest.admin.ComponentHealth;
import dev.blobpipe.ingest.admin.HealthCheck;
import dev.blobpipe.stats.LiveStats;
import java.util.Optional;

/**
 * Each role's answer to {@code GET /admin/health}, named by its role label and read from the state the role keeps.
 * A role counts as down whenever it is not doing its work right now, even if it will come back by itself (an archiver
 * loop waiting out its restart backoff, live stats rebalancing): the reason tells which. A reason names a state and at
 * most an exception type, never a message: the endpoint answers without authentication.
 */
final class RoleHealth {
    private RoleHealth() {
    }

    /** The event indexer: down once its thread ended, since nothing restarts it. */
    static HealthCheck catalog(EventIndexer indexer) {
        String name = Role.CATALOG.label();
        return () -> indexer.isRunning() ? ComponentHealth.up(name)
                : ComponentHealth.down(name, stopped(indexer.failure()));
    }

    /** The archiver: down when fenced or stopped for good, and while a poll loop waits to be restarted. */
    static HealthCheck archiver(Archiver archiver) {
        String name = Role.ARCHIVER.label();
        return () -> {
            if (archiver.isFenced()) {
                return ComponentHealth.down(name, "fenced by another archiver with the same instance id");
            }
            if (!archiver.isRunning()) {
                return ComponentHealth.down(name, stopped(archiver.failure()));
            }
            Optional<Throwable> restarting = archiver.restartingAfter();
            return restarting.isPresent()
                    ? ComponentHealth.down(name, "restarting after: " + restarting.get().getClass().getSimpleName())
                    : ComponentHealth.up(name);
        };
    }

    /** The compactor: down once an Error ended its scheduled sweeps (a failed sweep is retried: still up). */
    static HealthCheck compactor(Compactor compactor) {
        String name = Role.COMPACTOR.label();
        return () -> compactor.isRunning() ? ComponentHealth.up(name)
                : ComponentHealth.down(name, stopped(compactor.failure()));
    }

    /** The live stats: down unless both Kafka Streams applications run (also while starting or rebalancing). */
    static HealthCheck stats(LiveStats stats) {
        String name = Role.STATS.label();
        return () -> stats.isRunning() ? ComponentHealth.up(name)
                : ComponentHealth.down(name, "not running: " + stats.states());
    }

    private static String stopped(Optional<Throwable> failure) {
        return failure.map(cause -> "stopped after: " + cause.getClass().getSimpleName()).orElse("stopped");
    }
}
