package dev.blobpipe.compactor;

/**
 * Kafka did not acknowledge an event the compactor published (it may still have been written). The sweep stops;
 * the next one publishes again, which the catalog applies idempotently.
 */
public final class UnableToPublishException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnableToPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
