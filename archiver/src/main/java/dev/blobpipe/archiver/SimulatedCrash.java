package dev.blobpipe.archiver;

/**
 * Thrown by a test's fault hook to make a poll loop die as a killed process would: no transaction abort, forced
 * close of its clients, staging blobs left as they are. Never thrown by production code.
 */
final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String message) {
        super(message);
    }
}
