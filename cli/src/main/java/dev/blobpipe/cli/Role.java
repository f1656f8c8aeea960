package dev.blobpipe.cli;

import dev.blobpipe.schemas.config.ConfigException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** One role a blobpipe process can run; {@code blobpipe serve --roles=…} names them, {@code dev} runs them all. */
public enum Role {
    /** The S3 API: uploader, event publisher and visibility waiter; reads the catalog database. */
    INGEST_API("ingest-api", true, true),
    /** The event indexer that keeps the catalog database in step with blobpipe.events. */
    CATALOG("catalog", true, false),
    /** Assembles blobs from blobpipe.chunks into the blob store. */
    ARCHIVER("archiver", false, true),
    /** Reclaims superseded segments. */
    COMPACTOR("compactor", true, true),
    /** The live stats (Kafka Streams), when stats.enabled. */
    STATS("stats", false, false);

    private final String label;
    private final boolean needsCatalogDatabase;
    private final boolean needsBlobs;

    Role(String label, boolean needsCatalogDatabase, boolean needsBlobs) {
        this.label = label;
        this.needsCatalogDatabase = needsCatalogDatabase;
        this.needsBlobs = needsBlobs;
    }

    public String label() {
        return label;
    }

    boolean needsCatalogDatabase() {
        return needsCatalogDatabase;
    }

    boolean needsBlobs() {
        return needsBlobs;
    }

    /** The roles in a comma-separated list such as {@code ingest-api,catalog}; an unknown or empty name fails. */
    static Set<Role> parseList(String list) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : list.split(",", -1)) {
            roles.add(parse(name.trim()));
        }
        return roles;
    }

    static Role parse(String name) {
        for (Role role : values()) {
            if (role.label.equals(name.toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new ConfigException("unknown role '" + name + "'; valid roles: " + labels(EnumSet.allOf(Role.class)));
    }

    static String labels(Set<Role> roles) {
        return roles.stream().map(Role::label).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return label;
    }
}
