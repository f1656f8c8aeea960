package dev.blobpipe.stats;

/** The stats cannot answer now: starting, restoring state or rebalancing (retry later), or switched off. */
public final class StatsUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StatsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
