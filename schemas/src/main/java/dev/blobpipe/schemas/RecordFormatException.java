package dev.blobpipe.schemas;

/** A record on a blobpipe topic could not be decoded: wrong format version, missing header or truncated value. */
public final class RecordFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecordFormatException(String message) {
        super(message);
    }

    public RecordFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
