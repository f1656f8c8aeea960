package dev.blobpipe.ingest.upload;

import dev.blobpipe.catalog.VisibilityWaiter;
import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for the catalog to apply a published version, turning "not yet" into 503 ServiceUnavailable. */
final class Visibility {
    private static final Logger log = LoggerFactory.getLogger(Visibility.class);

    private Visibility() {
    }

    /**
     * The outcome, or S3Exception(SERVICE_UNAVAILABLE) after {@code timeout}: the event is in Kafka and the catalog may
     * still apply it later, which a 5xx allows.
     */
    static VisibilityWaiter.AppliedOutcome await(VisibilityWaiter.Pending pending, Duration timeout, String what) {
        try {
            return pending.await(timeout);
        } catch (TimeoutException e) {
            log.warn("not visible in the catalog in time {} timeout={}", what, timeout);
            throw new S3Exception(S3Error.SERVICE_UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted waiting for visibility {}", what);
            throw new S3Exception(S3Error.SERVICE_UNAVAILABLE);
        }
    }
}
