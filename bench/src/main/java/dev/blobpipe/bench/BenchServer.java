package dev.blobpipe.bench;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/** A running S3 server under comparison, in processes of its own, which {@link #close()} stops. */
interface BenchServer extends AutoCloseable {
    /** The key pair every server of the comparison accepts (the null server accepts anything). */
    String ACCESS_KEY = "BENCHKEY000000000001";
    String SECRET_KEY = "bench-secret-key-0000000000000000000000";

    String name();

    URI endpoint();

    /** The processes whose trees do the server's work: their CPU time is the server's. */
    List<Long> processRoots() throws IOException;

    /**
     * Puts {@code objects} keys into the (created, empty) bucket directly, not through S3, for the listing steps, and
     * says how. Keys are {@code k} and nine digits, with no {@code /}, so a filesystem backend needs no directories.
     */
    String seedListing(String bucket, long objects) throws IOException;

    /** Whether a listing of this many seeded objects is part of this server's run. */
    default boolean listsAtScale(long objects) {
        return true;
    }

    @Override
    void close();
}
