package dev.blobpipe.catalog.rebuild;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A PostgreSQL JDBC URL with its database name swapped, so a rebuild reaches a new database on the same server. */
final class DatabaseUrl {
    /** {@code jdbc:postgresql://hosts/database?parameters}; the database part is required (no implicit default). */
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?/]+)(\\?.*)?");
    /** What PostgreSQL takes unquoted and what we quote without escaping: lower case, digits, underscore. */
    static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private DatabaseUrl() {
    }

    static String withDatabase(String jdbcUrl, String database) {
        requireName(database);
        Matcher matcher = URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host/database URL: " + jdbcUrl);
        }
        String parameters = matcher.group(3) == null ? "" : matcher.group(3);
        return matcher.group(1) + database + parameters;
    }

    static String requireName(String database) {
        if (database == null || !NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name must match " + NAME.pattern() + ": " + database);
        }
        return database;
    }
}
