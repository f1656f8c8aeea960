package dev.blobpipe.blobstore;

import java.util.regex.Pattern;

/** Validates blob names and derives the deterministic names blobpipe uses, so every role computes the same ones. */
public final class BlobNames {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
    private static final String SEGMENTS = "segments/";

    private BlobNames() {
    }

    public static String requireValid(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
            throw new IllegalArgumentException("bad blob name: " + name);
        }
        for (String segment : name.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("bad blob name: " + name);
            }
        }
        return name;
    }

    /** Where an upload is assembled. */
    public static String staging(String uploadId) {
        return requireValid("staging/" + uploadId);
    }

    /** A pack segment: many small objects appended one after the other (see {@code pack.PackFrame}). */
    public static String segment(String segmentId) {
        return requireValid(SEGMENTS + segmentId);
    }

    /** True for pack segments, whose bytes belong to many objects: only segment compaction may delete them. */
    public static boolean isSegment(String name) {
        return name.startsWith(SEGMENTS);
    }

    /** Where an upload's bytes live once published; two levels of fan-out keep directories small. */
    public static String object(String uploadId) {
        String fanOut = uploadId.length() >= 4 ? uploadId.substring(0, 2) + "/" + uploadId.substring(2, 4) : "00/00";
        return requireValid("objects/" + fanOut + "/" + uploadId);
    }
}
