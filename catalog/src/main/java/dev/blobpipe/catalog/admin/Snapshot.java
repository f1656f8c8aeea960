package dev.blobpipe.catalog.admin;

import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Runs an admin query in one read-only REPEATABLE READ transaction: it sees one snapshot of the catalog, cannot
 * change it, and, autocommit being off, lets the driver read through a cursor when a fetch size is set. (A pool
 * resets read-only when the connection goes back: HikariCP does.)
 */
final class Snapshot {
    private Snapshot() {
    }

    static <R, X extends Exception> R read(Jdbi jdbi, HandleCallback<R, X> query) throws X {
        return jdbi.withHandle(handle -> {
            handle.setReadOnly(true);
            return handle.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, query);
        });
    }
}
