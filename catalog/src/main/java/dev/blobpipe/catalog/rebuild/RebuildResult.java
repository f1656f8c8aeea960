package dev.blobpipe.catalog.rebuild;

import java.util.Objects;

/** A finished rebuild: the new database, how to reach it, and the end offset of blobpipe.events it replayed to. */
public record RebuildResult(String databaseName, String jdbcUrl, long endOffset) {
    public RebuildResult {
        Objects.requireNonNull(databaseName, "databaseName");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }
}
