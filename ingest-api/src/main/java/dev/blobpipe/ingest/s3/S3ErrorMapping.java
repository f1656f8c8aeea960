package dev.blobpipe.ingest.s3;

import dev.blobpipe.ingest.admin.LiveStatsUnavailableException;
import java.sql.SQLTransientException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.eclipse.jetty.io.EofException;

/**
 * The one place where failures of lower modules become S3 errors. Lower modules know nothing of S3; an S3Exception
 * anywhere in the cause chain (e.g. thrown from inside a body stream and wrapped) wins. Everything unknown is
 * InternalError, whose message never carries the cause: the detail goes to the log with the request id.
 */
final class S3ErrorMapping {
    private S3ErrorMapping() {
    }

    /** An S3 error and the message to send for it. */
    record Mapped(S3Error error, String message) {
        /** A 5xx that is our fault or our dependencies' (NotImplemented is a 5xx the client caused). */
        boolean isServerFault() {
            return error.status() >= 500 && error != S3Error.NOT_IMPLEMENTED;
        }
    }

    static Mapped map(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof S3Exception s3) {
                return new Mapped(s3.error(), s3.getMessage());
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // the live stats are starting, restoring or rebalancing: retry later, and say why
            if (cause instanceof LiveStatsUnavailableException) {
                return new Mapped(S3Error.SERVICE_UNAVAILABLE, cause.getMessage());
            }
            // The body ended before its declared length (the client half-closed or went away): S3 answers
            // IncompleteBody, and a client that still listens gets it.
            if (cause instanceof EofException) {
                return of(S3Error.INCOMPLETE_BODY);
            }
            // Our own pools and the Kafka producer's buffer push back: the client should retry later (SDKs back off
            // on SlowDown).
            if (cause instanceof RejectedExecutionException) {
                return of(S3Error.SLOW_DOWN);
            }
            // Kafka says a retry may help (broker moving, not enough replicas, request timed out); a database that
            // is briefly unreachable, or a wait that ran out, the same.
            if (cause instanceof RetriableException || cause instanceof SQLTransientException
                    || cause instanceof TimeoutException || cause instanceof InterruptedException) {
                return of(S3Error.SERVICE_UNAVAILABLE);
            }
        }
        return of(S3Error.INTERNAL_ERROR);
    }

    private static Mapped of(S3Error error) {
        return new Mapped(error, error.message());
    }
}
