package dev.blobpipe.ingest.upload;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one definition of what {@code ObjectMetadata.checksums()} holds, and how it is shown to clients. The map is the
 * catalog's, so its form is a stored format: keys and values below never change meaning.
 * <ul>
 *   <li>An object uploaded whole, and a part: {@code {ALG: base64}} with ALG an {@link ChecksumAlgorithm} name
 *       ({@code {"CRC32C": "yZRlqg=="}}), or empty when the client sent no checksum. Type FULL_OBJECT, implied.</li>
 *   <li>A completed multipart object of N parts: {@code {ALG: value, "TYPE": type}}, value
 *       {@code base64(ALG(part checksums concatenated)) + "-N"} for COMPOSITE ({@code {"SHA256": "…=-3",
 *       "TYPE": "COMPOSITE"}}), the CRC of the whole content for FULL_OBJECT ({@code {"CRC64NVME": "…=",
 *       "TYPE": "FULL_OBJECT"}}); empty when the upload was created without x-amz-checksum-algorithm.</li>
 *   <li>An open multipart upload: {@code {"ALGORITHM": ALG, "TYPE": type}} from its CreateMultipartUpload, or empty.
 *       (An upload stored before TYPE existed has ALGORITHM only: COMPOSITE, or FULL_OBJECT for CRC64NVME.)</li>
 * </ul>
 * A copy keeps its source's map: the checksums describe the bytes, which are the same.
 */
public final class StoredChecksums {
    /** Key of the checksum type (a {@link ChecksumType} name); absent means FULL_OBJECT. */
    public static final String TYPE_KEY = "TYPE";
    /** Key of an open multipart upload's algorithm. */
    public static final String ALGORITHM_KEY = "ALGORITHM";

    private StoredChecksums() {
    }

    /** An object's or part's checksum as stored: algorithm, type and value ("-N" included for a composite). */
    public record ObjectChecksum(ChecksumAlgorithm algorithm, ChecksumType type, String value) {
        public ObjectChecksum {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
        }

        /** The value without a composite's "-N" suffix: what GetObjectAttributes shows. */
        public String valueWithoutPartCount() {
            int dash = value.indexOf('-');
            return dash < 0 ? value : value.substring(0, dash);
        }
    }

    /** An open multipart upload's checksum settings. */
    public record UploadChecksum(ChecksumAlgorithm algorithm, ChecksumType type) {
        public UploadChecksum {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(type, "type");
        }
    }

    /** The map of a verified body (PutObject, UploadPart); {@code algorithm} null: none. */
    public static Map<String, String> ofBody(ChecksumAlgorithm algorithm, String base64) {
        return algorithm == null ? Map.of() : Map.of(algorithm.name(), Objects.requireNonNull(base64, "base64"));
    }

    /** The map of a completed multipart object. */
    public static Map<String, String> ofObject(ObjectChecksum checksum) {
        return Map.of(checksum.algorithm().name(), checksum.value(), TYPE_KEY, checksum.type().name());
    }

    /** The map of an open multipart upload; {@code checksum} null: none. */
    public static Map<String, String> ofUpload(UploadChecksum checksum) {
        return checksum == null ? Map.of()
                : Map.of(ALGORITHM_KEY, checksum.algorithm().name(), TYPE_KEY, checksum.type().name());
    }

    /** The object's (or part's) checksum, or empty when it has none. */
    public static Optional<ObjectChecksum> object(Map<String, String> stored) {
        for (Map.Entry<String, String> entry : stored.entrySet()) {
            if (entry.getKey().equals(TYPE_KEY) || entry.getKey().equals(ALGORITHM_KEY)) {
                continue;
            }
            Optional<ChecksumAlgorithm> algorithm = ChecksumAlgorithm.fromName(entry.getKey());
            if (algorithm.isPresent()) {
                String type = stored.get(TYPE_KEY);
                return Optional.of(new ObjectChecksum(algorithm.get(),
                        type == null ? ChecksumType.FULL_OBJECT : ChecksumType.valueOf(type), entry.getValue()));
            }
        }
        return Optional.empty();
    }

    /**
     * The checksum of one part of a completed multipart object, as GetObjectAttributes and a GET with partNumber
     * show it: the value the part was uploaded with ({@code part}, its own map) for the object's algorithm, with the
     * object's type. Empty when the object ({@code object}, its map) has no checksum or the part no value of its
     * algorithm (S3 shows part checksums only of the algorithm the upload was created with).
     */
    public static Optional<ObjectChecksum> part(Map<String, String> object, Map<String, String> part) {
        return object(object).flatMap(whole -> Optional.ofNullable(part.get(whole.algorithm().name()))
                .map(value -> new ObjectChecksum(whole.algorithm(), whole.type(), value)));
    }

    /** An open upload's checksum settings, or empty when it was created without an algorithm. */
    public static Optional<UploadChecksum> upload(Map<String, String> stored) {
        String name = stored.get(ALGORITHM_KEY);
        if (name == null) {
            return Optional.empty();
        }
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromName(name)
                .orElseThrow(() -> new IllegalStateException("stored checksum algorithm unknown: " + name));
        String type = stored.get(TYPE_KEY);
        return Optional.of(new UploadChecksum(algorithm, type != null ? ChecksumType.valueOf(type)
                : algorithm == ChecksumAlgorithm.CRC64NVME ? ChecksumType.FULL_OBJECT : ChecksumType.COMPOSITE));
    }

    /** Response headers for the checksum (x-amz-checksum-crc32c, x-amz-checksum-type), in that order; may be empty. */
    public static Map<String, String> headers(Map<String, String> stored) {
        return headers(object(stored));
    }

    /** Response headers for a checksum (x-amz-checksum-crc32c, x-amz-checksum-type), in that order; may be empty. */
    public static Map<String, String> headers(Optional<ObjectChecksum> checksum) {
        Map<String, String> headers = new LinkedHashMap<>();
        checksum.ifPresent(present -> {
            headers.put(present.algorithm().headerName(), present.value());
            headers.put("x-amz-checksum-type", present.type().name());
        });
        return headers;
    }

    /** XML elements for the checksum (ChecksumCRC32C, ChecksumType), in the order S3's schemas list them. */
    public static Map<String, String> elements(Map<String, String> stored) {
        Map<String, String> elements = new LinkedHashMap<>();
        object(stored).ifPresent(checksum -> {
            elements.put(elementName(checksum.algorithm()), checksum.value());
            elements.put("ChecksumType", checksum.type().name());
        });
        return elements;
    }

    /** ChecksumCRC32, ChecksumCRC64NVME, ChecksumSHA256…: the XML element of an algorithm's value. */
    public static String elementName(ChecksumAlgorithm algorithm) {
        return "Checksum" + algorithm.name().toUpperCase(Locale.ROOT);
    }
}
