package dev.blobpipe.catalog.rebuild;

import java.util.Objects;

/** One row that differs between the live and the rebuilt catalog: its primary key and what differs. */
public record RowDifference(Kind kind, String key, String detail) {
    /** How the row differs. */
    public enum Kind {
        ONLY_LIVE("only in live"),
        ONLY_REBUILT("only in rebuilt"),
        CHANGED("differs");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public RowDifference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return kind.label() + " (" + key + ")" + (detail.isEmpty() ? "" : ": " + detail);
    }
}
