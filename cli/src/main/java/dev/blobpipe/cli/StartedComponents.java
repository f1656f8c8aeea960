package dev.blobpipe.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a system started, to be stopped in reverse order: the last started (the S3 API) stops first, the first
 * (PostgreSQL) last. Closing goes on past a component that fails to close, since stopping half a system would leave
 * a broker or a database running. Used by one starting thread, then closed once.
 */
final class StartedComponents {
    private static final Logger log = LoggerFactory.getLogger(StartedComponents.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Records {@code component} as started; returns it. */
    <T extends AutoCloseable> T own(T component) {
        started.push(component);
        return component;
    }

    /** Closes everything recorded, newest first; a second call finds nothing to close. */
    void closeAll() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("stopping {} failed", component.getClass().getSimpleName(), e);
            }
        }
    }
}
