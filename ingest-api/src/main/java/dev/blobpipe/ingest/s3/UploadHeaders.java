package dev.blobpipe.ingest.s3;

import dev.blobpipe.ingest.upload.Acknowledgement;
import dev.blobpipe.ingest.upload.ChecksumAlgorithm;
import dev.blobpipe.ingest.upload.ExpectedChecksum;
import dev.blobpipe.schemas.ObjectMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what a PutObject says in its headers, before any body byte is read: the decoded length, the metadata to
 * store, the Content-MD5 and the additional checksum (in a header or announced for the trailer). Headers are keyed
 * by lower-case name. Limits are S3's (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html).
 */
final class UploadHeaders {
    /** Largest single PutObject S3 accepts. */
    static final long MAX_OBJECT_BYTES = 5L << 30;
    static final int MAX_KEY_BYTES = 1024;
    /** User metadata: sum of the UTF-8 bytes of names (without x-amz-meta-) and values. */
    static final int MAX_USER_METADATA_BYTES = 2048;
    static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";
    /** Asks PutObject for an {@link Acknowledgement} (visible or durable); the response names the one given. */
    static final String ACK_HEADER = "x-blobpipe-ack";

    private static final String META_PREFIX = "x-amz-meta-";
    private static final String CHECKSUM_PREFIX = "x-amz-checksum-";
    /** x-amz-checksum-* headers that carry no checksum value. */
    private static final List<String> CHECKSUM_NON_VALUES =
            List.of("x-amz-checksum-mode", "x-amz-checksum-type", "x-amz-checksum-algorithm");

    private final Map<String, List<String>> headers;

    UploadHeaders(Map<String, List<String>> headers) {
        this.headers = headers;
    }

    static void requireKeyLength(String key) {
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new S3Exception(S3Error.KEY_TOO_LONG);
        }
    }

    /**
     * The length of the body as the client meant it: x-amz-decoded-content-length for aws-chunked bodies, else
     * Content-Length; -1 (unknown) for a body sent with Transfer-Encoding: chunked and neither, which we accept as
     * Ceph RGW does (the uploader then caps it at 5 GiB: EntityTooLarge). Also refuses what is too large before a
     * byte is read.
     */
    long decodedLength() {
        String decoded = first("x-amz-decoded-content-length");
        String contentLength = first("content-length");
        long length;
        if (decoded != null) {
            length = parseLength(decoded, S3Error.INVALID_ARGUMENT);
        } else if (contentLength != null) {
            length = parseLength(contentLength, S3Error.MISSING_CONTENT_LENGTH);
        } else if (isChunked(first("transfer-encoding"))) {
            return -1;
        } else {
            throw new S3Exception(S3Error.MISSING_CONTENT_LENGTH);
        }
        if (length > MAX_OBJECT_BYTES) {
            throw new S3Exception(S3Error.ENTITY_TOO_LARGE);
        }
        return length;
    }

    /** What to store beside the bytes, including the x-amz-tagging tags (InvalidTag when they break S3's limits). */
    ObjectMetadata metadata() {
        return contentMetadata().withTags(Tagging.parseHeader(first("x-amz-tagging")));
    }

    /** The content headers and user metadata, without tags (CopyObject's REPLACE takes tags by their own directive). */
    ObjectMetadata contentMetadata() {
        String contentType = first("content-type");
        return new ObjectMetadata(
                contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType,
                contentEncodingWithoutAwsChunked(first("content-encoding")),
                first("content-disposition"),
                first("cache-control"),
                first("expires"),
                userMetadata(),
                Map.of());
    }

    /** The base64 Content-MD5, or null; refuses one that is not 16 bytes of base64 before reading the body. */
    String contentMd5() {
        String md5 = first("content-md5");
        if (md5 == null) {
            return null;
        }
        try {
            if (Base64.getDecoder().decode(md5.trim()).length == 16) {
                return md5.trim();
            }
        } catch (IllegalArgumentException e) {
            // not base64: answered below like a wrong length
        }
        throw new S3Exception(S3Error.INVALID_DIGEST);
    }

    /**
     * The additional checksum the client promised, or null. In a header (x-amz-checksum-crc32: value) or announced in
     * x-amz-trailer (value at the end of the aws-chunked body). x-amz-sdk-checksum-algorithm alone promises nothing we
     * could check; S3 refuses it, and so do we.
     */
    ExpectedChecksum checksum() {
        List<String> checksumHeaders = new ArrayList<>();
        for (String name : headers.keySet()) {
            if (name.startsWith(CHECKSUM_PREFIX) && !CHECKSUM_NON_VALUES.contains(name)) {
                checksumHeaders.add(name);
            }
        }
        if (checksumHeaders.size() > 1) {
            throw new S3Exception(S3Error.INVALID_REQUEST,
                    "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
        }
        if (checksumHeaders.size() == 1) {
            String name = checksumHeaders.get(0);
            String value = first(name);
            if (value == null || value.isBlank()) {
                throw new S3Exception(S3Error.INVALID_REQUEST, "Value for " + name + " header is invalid.");
            }
            return new ExpectedChecksum(algorithm(name), value.trim());
        }
        String trailer = first("x-amz-trailer");
        if (trailer != null) {
            for (String name : trailer.split(",")) {
                String trailerName = name.trim().toLowerCase(Locale.ROOT);
                if (trailerName.startsWith(CHECKSUM_PREFIX)) {
                    return new ExpectedChecksum(algorithm(trailerName), null);
                }
            }
        }
        if (first("x-amz-sdk-checksum-algorithm") != null) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "x-amz-sdk-checksum-algorithm specified, but no "
                    + "corresponding x-amz-checksum-* or x-amz-trailer headers were found.");
        }
        return null;
    }

    /** The acknowledgement the request asks for, else {@code otherwise}; InvalidArgument for a value we do not know. */
    Acknowledgement acknowledgement(Acknowledgement otherwise) {
        String value = first(ACK_HEADER);
        if (value == null) {
            return otherwise;
        }
        return Acknowledgement.fromHeaderValue(value).orElseThrow(() -> new S3Exception(S3Error.INVALID_ARGUMENT,
                "Value for " + ACK_HEADER + " header is invalid: use visible or durable."));
    }

    private static ChecksumAlgorithm algorithm(String headerName) {
        return ChecksumAlgorithm.fromName(headerName).orElseThrow(() -> new S3Exception(S3Error.NOT_IMPLEMENTED,
                "The checksum algorithm of " + headerName + " is not supported."));
    }

    /** Content-Encoding as stored: aws-chunked only frames this request's body, so it is not the object's. */
    static String contentEncodingWithoutAwsChunked(String contentEncoding) {
        if (contentEncoding == null) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String coding : contentEncoding.split(",")) {
            String trimmed = coding.trim();
            if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase("aws-chunked")) {
                kept.add(trimmed);
            }
        }
        return kept.isEmpty() ? null : String.join(",", kept);
    }

    private Map<String, String> userMetadata() {
        Map<String, String> metadata = new TreeMap<>();
        long bytes = 0;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey();
            if (!name.startsWith(META_PREFIX) || name.length() == META_PREFIX.length()) {
                continue;
            }
            String shortName = name.substring(META_PREFIX.length());
            // repeated headers are one value joined with commas, as HTTP defines and S3 stores them
            String value = String.join(",", header.getValue());
            bytes += shortName.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
            metadata.put(shortName, value);
        }
        if (bytes > MAX_USER_METADATA_BYTES) {
            throw new S3Exception(S3Error.METADATA_TOO_LARGE);
        }
        return metadata;
    }

    private static boolean isChunked(String transferEncoding) {
        if (transferEncoding == null) {
            return false;
        }
        String[] codings = transferEncoding.split(",");
        return codings[codings.length - 1].trim().equalsIgnoreCase("chunked");
    }

    private static long parseLength(String text, S3Error error) {
        try {
            long length = Long.parseLong(text.trim());
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // answered below like a negative length
        }
        throw new S3Exception(error, "Invalid length: " + text);
    }

    private String first(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
