package dev.blobpipe.catalog.admin;

import dev.blobpipe.catalog.internal.InventoryDao;
import dev.blobpipe.catalog.internal.KeyRange;
import java.sql.SQLException;
import java.util.Arrays;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The inventory's rows as they leave PostgreSQL: {@link InventoryDao#inventoryCopy} in binary format, one tuple per
 * CopyData message (the protocol's copy-out mode sends them "always one per row"; {@link InventoryTupleDecoder} checks
 * it), the file header in front of the first. The driver gives each message an array of its own, so tuples can be handed to another thread. Must run inside
 * the handle's transaction, which must see the snapshot to export; closing before the end cancels the COPY so the
 * connection can be used again. Not thread-safe.
 *
 * @see <a href="https://www.postgresql.org/docs/current/sql-copy.html">COPY, "Binary Format"</a>
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-COPY">COPY operations</a>
 */
final class InventoryCopy implements AutoCloseable {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** Signature, flags (int32) and header extension length (int32). */
    private static final int HEADER_BYTES = SIGNATURE.length + 8;

    private final CopyOut copy;
    private boolean headerRead;
    private boolean ended;

    private InventoryCopy(CopyOut copy) {
        this.copy = copy;
    }

    /** Starts the COPY of the live objects of {@code bucket} under {@code prefix}. */
    static InventoryCopy start(Handle handle, String bucket, String prefix) {
        String upper = KeyRange.successor(prefix);
        handle.attach(InventoryDao.class).scopeInventory(bucket, prefix, upper);
        String sql = InventoryDao.inventoryCopy(!prefix.isEmpty(), upper != null);
        try {
            PGConnection connection = handle.getConnection().unwrap(PGConnection.class);
            return new InventoryCopy(connection.getCopyAPI().copyOut(sql));
        } catch (SQLException e) {
            throw failed("start", e);
        }
    }

    /** The next tuple (field count, then each field), or null after the last one. */
    byte[] next() {
        if (ended) {
            return null;
        }
        byte[] message = read();
        if (message != null && !headerRead) {
            message = afterHeader(message);
            headerRead = true;
        }
        if (message == null || isTrailer(message)) {
            ended = true;
            drain(message);
            return null;
        }
        return message;
    }

    /** Cancels the COPY if it was not read to its end. */
    @Override
    public void close() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                throw failed("cancel", e);
            }
        }
    }

    /** PostgreSQL sends the header in the message of the first tuple (or of the trailer when there is none). */
    private static byte[] afterHeader(byte[] message) {
        if (message.length < HEADER_BYTES
                || !Arrays.equals(message, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IllegalStateException("COPY output does not start with the binary signature");
        }
        int extensionBytes = InventoryTupleDecoder.int32(message, SIGNATURE.length + 4);
        return Arrays.copyOfRange(message, HEADER_BYTES + extensionBytes, message.length);
    }

    private static boolean isTrailer(byte[] message) {
        return message.length == 2 && InventoryTupleDecoder.int16(message, 0) == -1;
    }

    /** After the trailer the server only ends the COPY: read that so the connection is ready for the next command. */
    private void drain(byte[] trailer) {
        if (trailer != null && read() != null) {
            throw new IllegalStateException("COPY output continues after its trailer");
        }
    }

    private byte[] read() {
        try {
            return copy.readFromCopy();
        } catch (SQLException e) {
            throw failed("read", e);
        }
    }

    /** The exception JDBI would throw for a failed query, so callers handle one kind. */
    private static UnableToExecuteStatementException failed(String step, SQLException cause) {
        return new UnableToExecuteStatementException("cannot " + step + " the inventory COPY", cause, null);
    }
}
