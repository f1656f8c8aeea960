package dev.blobpipe.ingest.admin;

import java.util.Objects;

/**
 * One component's line in {@code GET /admin/health}: its name, up or down, and for down a short reason. The endpoint
 * answers without authentication, so a reason says what state the component is in (e.g. "fenced by another
 * archiver with the same instance id"), never a message, address or id from inside it.
 */
public record ComponentHealth(String name, boolean up, String reason) {

    public ComponentHealth {
        Objects.requireNonNull(name, "name");
        if (up != (reason == null)) {
            throw new IllegalArgumentException("a reason belongs to a down component, and every down one has one");
        }
    }

    public static ComponentHealth up(String name) {
        return new ComponentHealth(name, true, null);
    }

    public static ComponentHealth down(String name, String reason) {
        return new ComponentHealth(name, false, Objects.requireNonNull(reason, "reason"));
    }
}
