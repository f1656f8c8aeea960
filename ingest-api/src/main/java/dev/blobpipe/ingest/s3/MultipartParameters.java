package dev.blobpipe.ingest.s3;

import dev.blobpipe.schemas.PartOf;
import dev.blobpipe.schemas.UploadId;

/** The query parameters of the multipart operations (and of GET ?partNumber) read as S3 reads them. */
final class MultipartParameters {
    /** Default and ceiling of max-parts and max-uploads, as in S3. */
    static final int MAX_LISTED = 1000;

    private MultipartParameters() {
    }

    /** partNumber: an integer 1..10,000, else InvalidArgument with S3's message. */
    static int partNumber(String text) {
        try {
            int value = Integer.parseInt(text == null ? "" : text.trim());
            if (value >= 1 && value <= PartOf.MAX_PART_NUMBER) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below like an out-of-range number
        }
        throw new S3Exception(S3Error.INVALID_ARGUMENT,
                "Part number must be an integer between 1 and " + PartOf.MAX_PART_NUMBER + ", inclusive");
    }

    /** uploadId: an id we could have issued, else NoSuchUpload (S3 tells a malformed id not from an unknown one). */
    static UploadId uploadId(String text) {
        try {
            return new UploadId(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.NO_SUCH_UPLOAD);
        }
    }

    /** max-parts / max-uploads: default and ceiling 1,000; not a non-negative integer is InvalidArgument. */
    static int maxListed(String name, String text) {
        if (text == null) {
            return MAX_LISTED;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0) {
                return Math.min(value, MAX_LISTED);
            }
        } catch (NumberFormatException e) {
            // answered below like a negative value
        }
        throw new S3Exception(S3Error.INVALID_ARGUMENT, "Provided " + name + " not an integer or within integer range");
    }

    /** part-number-marker: absent is 0 (from the first part); else a non-negative integer. */
    static int partNumberMarker(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0) {
                return Math.min(value, PartOf.MAX_PART_NUMBER);
            }
        } catch (NumberFormatException e) {
            // answered below like a negative value
        }
        throw new S3Exception(S3Error.INVALID_ARGUMENT,
                "Provided part-number-marker not an integer or within integer range");
    }
}
