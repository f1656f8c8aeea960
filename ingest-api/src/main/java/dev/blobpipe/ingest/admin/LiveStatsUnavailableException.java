package dev.blobpipe.ingest.admin;

/** The live stats cannot answer now (starting, restoring, rebalancing or stopped): answered 503, retry later. */
public final class LiveStatsUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LiveStatsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
