package dev.blobpipe.ingest.s3;

import java.util.Locale;
import java.util.Optional;

/**
 * A single satisfiable byte range of an object, from a Range header (RFC 9110 section 14.1.2) the way S3 treats it:
 * {@code bytes=a-b}, {@code bytes=a-} and {@code bytes=-n} are served as 206; a header S3 cannot use (bad syntax, other
 * units, several ranges) is ignored and the whole object sent; a range that starts at or past the end, or any range
 * on an empty object, is InvalidRange (416).
 */
record ByteRange(long first, long last) {

    ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("bad range " + first + "-" + last);
        }
    }

    long length() {
        return last - first + 1;
    }

    /** The Content-Range value of a 206 response. */
    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** The Content-Range value of a 416 response. */
    static String unsatisfiedContentRange(long size) {
        return "bytes */" + size;
    }

    /**
     * The range to serve, or empty for the whole object.
     *
     * @throws S3Exception INVALID_RANGE when the range is well-formed but not satisfiable for {@code size}
     */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
            return Optional.empty();
        }
        String spec = value.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (spec.indexOf(',') >= 0 || dash < 0) {
            return Optional.empty();
        }
        String firstText = spec.substring(0, dash).trim();
        String lastText = spec.substring(dash + 1).trim();
        if (firstText.isEmpty()) {
            long suffixLength = digits(lastText);
            if (suffixLength < 0) {
                return Optional.empty();
            }
            if (suffixLength == 0 || size == 0) {
                throw unsatisfiable();
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffixLength), size - 1));
        }
        long first = digits(firstText);
        long last = lastText.isEmpty() ? Long.MAX_VALUE : digits(lastText);
        if (first < 0 || last < 0 || last < first) {
            return Optional.empty();
        }
        if (first >= size) {
            throw unsatisfiable();
        }
        return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    }

    /** The value of a string of ASCII digits (saturating at Long.MAX_VALUE), or -1 if it is not one. */
    private static long digits(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (value > (Long.MAX_VALUE - 9) / 10) {
                value = Long.MAX_VALUE;
            } else {
                value = value * 10 + (c - '0');
            }
        }
        return value;
    }

    private static S3Exception unsatisfiable() {
        return new S3Exception(S3Error.INVALID_RANGE);
    }
}
