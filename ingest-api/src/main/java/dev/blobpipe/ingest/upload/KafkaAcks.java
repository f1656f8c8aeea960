package dev.blobpipe.ingest.upload;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Kafka send outcomes into S3 answers: a failure a retry may cure (broker unavailable, timeout) is 503, any
 * other is 500. {@link S3Exception} carries no cause and its message reaches the client, so the detail is logged here.
 */
final class KafkaAcks {
    private static final Logger log = LoggerFactory.getLogger(KafkaAcks.class);

    private KafkaAcks() {
    }

    /** Waits for a send's acknowledgement; throws S3Exception if it failed or did not come within {@code timeout}. */
    static RecordMetadata await(Future<RecordMetadata> ack, Duration timeout, String what) {
        try {
            return ack.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw failed(what, e.getCause());
        } catch (TimeoutException e) {
            log.warn("kafka ack not received what={} timeout={}", what, timeout);
            throw new S3Exception(S3Error.SERVICE_UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted waiting for kafka ack what={}", what);
            throw new S3Exception(S3Error.SERVICE_UNAVAILABLE);
        }
    }

    /** The S3 error for a failed send, logged with its cause. */
    static S3Exception failed(String what, Throwable cause) {
        boolean retriable = cause instanceof RetriableException;
        log.warn("kafka send failed what={} retriable={}", what, retriable, cause);
        return new S3Exception(retriable ? S3Error.SERVICE_UNAVAILABLE : S3Error.INTERNAL_ERROR);
    }
}
