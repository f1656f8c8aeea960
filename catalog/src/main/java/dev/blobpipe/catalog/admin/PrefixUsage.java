package dev.blobpipe.catalog.admin;

import java.util.Objects;

/** One row of {@code du}: the live objects whose level is {@code prefix}, and their bytes. */
public record PrefixUsage(String prefix, long objects, long bytes) {
    public PrefixUsage {
        Objects.requireNonNull(prefix, "prefix");
    }
}
