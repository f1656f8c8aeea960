package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.schemas.VersionId;
import java.util.Objects;

/**
 * The payload the indexer sends on {@link #CHANNEL} for every event it applied, in the transaction that applied it
 * (PostgreSQL delivers NOTIFY on commit): {@code <versionId>:A} or {@code <versionId>:R}.
 */
public record AppliedNotice(VersionId version, AppliedOutcome outcome) {
    public static final String CHANNEL = "blobpipe_applied";

    public AppliedNotice {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(outcome, "outcome");
    }

    public String payload() {
        return version + ":" + (outcome == AppliedOutcome.APPLIED ? 'A' : 'R');
    }

    /** Parses a payload; throws IllegalArgumentException for anything else. */
    public static AppliedNotice parse(String payload) {
        int colon = payload.indexOf(':');
        if (colon != VersionId.TEXT_LENGTH || payload.length() != colon + 2) {
            throw new IllegalArgumentException("bad applied notice: " + payload);
        }
        char code = payload.charAt(colon + 1);
        AppliedOutcome outcome;
        if (code == 'A') {
            outcome = AppliedOutcome.APPLIED;
        } else if (code == 'R') {
            outcome = AppliedOutcome.REJECTED;
        } else {
            throw new IllegalArgumentException("bad applied notice: " + payload);
        }
        return new AppliedNotice(VersionId.parse(payload.substring(0, colon)), outcome);
    }
}
