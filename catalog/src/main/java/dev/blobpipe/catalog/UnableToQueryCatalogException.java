package dev.blobpipe.catalog;

/**
 * A catalog query run in plain JDBC failed; the {@link java.sql.SQLException} is the cause (a transient one, such as
 * a pool timeout, tells the caller a retry may help). Queries run through JDBI fail with its own exceptions instead.
 */
public final class UnableToQueryCatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnableToQueryCatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
