package dev.blobpipe.schemas;

/**
 * A hybrid-logical-clock timestamp naming one version of an object or bucket: physical milliseconds, a counter for
 * events within one millisecond, and the id of the node that assigned it. Ordered by (millis, counter, node), so two
 * instances never assign the same id and later writes sort after earlier ones.
 *
 * <p>The text form is fixed-width lower-case hex ({@code 12+4+4} digits), so comparing texts byte-wise (as SQL with
 * {@code COLLATE "C"} does) gives the same order as {@link #compareTo}.
 */
public record VersionId(long physicalMillis, int counter, int nodeId) implements Comparable<VersionId> {
    public static final int TEXT_LENGTH = 20;
    public static final VersionId ZERO = new VersionId(0, 0, 0);

    public VersionId {
        if (physicalMillis < 0 || physicalMillis >= (1L << 48)) {
            throw new IllegalArgumentException("physicalMillis out of range: " + physicalMillis);
        }
        if (counter < 0 || counter > 0xFFFF) {
            throw new IllegalArgumentException("counter out of range: " + counter);
        }
        if (nodeId < 0 || nodeId > 0xFFFF) {
            throw new IllegalArgumentException("nodeId out of range: " + nodeId);
        }
    }

    public static VersionId parse(String text) {
        if (text == null || text.length() != TEXT_LENGTH) {
            throw new IllegalArgumentException("bad version id: " + text);
        }
        try {
            return new VersionId(Long.parseLong(text.substring(0, 12), 16),
                    Integer.parseInt(text.substring(12, 16), 16),
                    Integer.parseInt(text.substring(16, 20), 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad version id: " + text, e);
        }
    }

    @Override
    public int compareTo(VersionId other) {
        int byTime = Long.compare(physicalMillis, other.physicalMillis);
        if (byTime != 0) {
            return byTime;
        }
        int byCounter = Integer.compare(counter, other.counter);
        return byCounter != 0 ? byCounter : Integer.compare(nodeId, other.nodeId);
    }

    public boolean isAfter(VersionId other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return String.format("%012x%04x%04x", physicalMillis, counter, nodeId);
    }
}
