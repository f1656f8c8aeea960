package dev.blobpipe.ingest.upload;

import java.util.Locale;
import java.util.Optional;

/**
 * When a PutObject answers: once the new version is readable through the catalog (read-after-write, the default), or
 * once Kafka holds every record of the upload with acks=all (durable only, for high-rate log shipping). DESIGN.md,
 * data flow step 5.
 */
public enum Acknowledgement {
    VISIBLE("visible"),
    /**
     * The chunks and the commit are acknowledged by every in-sync replica, so the upload can no longer be lost; the
     * archiver and the indexer make it readable later without the request.
     */
    DURABLE("durable");

    private final String headerValue;

    Acknowledgement(String headerValue) {
        this.headerValue = headerValue;
    }

    /** The value of {@code x-blobpipe-ack} that asks for (and reports) this acknowledgement. */
    public String headerValue() {
        return headerValue;
    }

    /** The acknowledgement a header value names (case and surrounding blanks ignored), or empty. */
    public static Optional<Acknowledgement> fromHeaderValue(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (Acknowledgement acknowledgement : values()) {
            if (acknowledgement.headerValue.equals(wanted)) {
                return Optional.of(acknowledgement);
            }
        }
        return Optional.empty();
    }
}
