package dev.blobpipe.schemas;

import java.util.Objects;
import java.util.UUID;

/** Identifies one upload (one PUT body) from its first chunk to its commit or abort; the chunks topic's record key. */
public record UploadId(String value) {
    public UploadId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > 64 || !value.chars().allMatch(UploadId::isIdChar)) {
            throw new IllegalArgumentException("bad upload id: " + value);
        }
    }

    public static UploadId random() {
        return new UploadId(UUID.randomUUID().toString());
    }

    private static boolean isIdChar(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
    }

    @Override
    public String toString() {
        return value;
    }
}
