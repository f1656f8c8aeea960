package dev.blobpipe.ingest.upload;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.util.Locale;

/**
 * How a multipart object's checksum is built from its parts (x-amz-checksum-type,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html): COMPOSITE is the checksum of
 * the parts' checksums ("-N" appended), FULL_OBJECT the checksum of the whole content (CRCs only, combined from the
 * parts). An object uploaded whole is FULL_OBJECT.
 */
public enum ChecksumType {
    COMPOSITE, FULL_OBJECT;

    /**
     * The type of a multipart upload created with {@code algorithm} and x-amz-checksum-type {@code header} (null:
     * absent), as S3 allows them: SHA1 and SHA256 only COMPOSITE, CRC32 and CRC32C either (COMPOSITE by default),
     * CRC64NVME only FULL_OBJECT (its default). Anything else, or a type without an algorithm, is InvalidRequest.
     */
    public static ChecksumType forUpload(ChecksumAlgorithm algorithm, String header) {
        ChecksumType requested = header == null || header.isBlank() ? null : parse(header);
        if (algorithm == null) {
            if (requested != null) {
                throw new S3Exception(S3Error.INVALID_REQUEST,
                        "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
            }
            return null;
        }
        ChecksumType type = requested != null ? requested
                : algorithm == ChecksumAlgorithm.CRC64NVME ? FULL_OBJECT : COMPOSITE;
        boolean allowed = type == COMPOSITE ? algorithm != ChecksumAlgorithm.CRC64NVME : algorithm.crc() != null;
        if (!allowed) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "The " + type + " checksum type cannot be used with the "
                    + algorithm.name().toLowerCase(Locale.ROOT) + " checksum algorithm.");
        }
        return type;
    }

    /** COMPOSITE or FULL_OBJECT in any case, else InvalidRequest. */
    public static ChecksumType parse(String text) {
        String normalized = text.trim().toUpperCase(Locale.ROOT);
        for (ChecksumType type : values()) {
            if (type.name().equals(normalized)) {
                return type;
            }
        }
        throw new S3Exception(S3Error.INVALID_REQUEST, "Value for x-amz-checksum-type header is invalid.");
    }
}
