package dev.blobpipe.catalog;

import dev.blobpipe.schemas.VersionId;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Lets a request wait until the indexer has applied the event of a version it published: the read-after-write
 * guarantee. Register before publishing, so a fast indexer cannot be missed.
 */
public interface VisibilityWaiter {

    /** Starts watching for {@code version}; call before the event is published. */
    Pending register(VersionId version);

    /** A registration; closing it stops the watch. */
    interface Pending extends AutoCloseable {
        /** Blocks until applied, up to {@code timeout}. */
        AppliedOutcome await(Duration timeout) throws TimeoutException, InterruptedException;

        @Override
        void close();
    }

    /** What the indexer did with the event. */
    enum AppliedOutcome {
        /** The event is in the catalog (or was older than what is there, which S3 also reports as success). */
        APPLIED,
        /** The indexer refused it: a bucket delete found the bucket not empty. */
        REJECTED
    }
}
