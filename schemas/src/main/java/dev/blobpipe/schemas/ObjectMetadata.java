package dev.blobpipe.schemas;

import java.util.Map;
import java.util.Objects;

/**
 * What a client stored beside an object's bytes and gets back on GET/HEAD: the standard content headers (null when
 * not sent), {@code x-amz-meta-*} pairs (names lower-case, without the prefix) and the additional checksums the client
 * asked for, by algorithm name ({@code CRC32}, {@code CRC32C}, {@code SHA1}, {@code SHA256}) to their base64 value.
 */
public record ObjectMetadata(
        String contentType,
        String contentEncoding,
        String contentDisposition,
        String cacheControl,
        String expires,
        Map<String, String> userMetadata,
        Map<String, String> checksums,
        Map<String, String> tags) {

    public static final ObjectMetadata EMPTY = new ObjectMetadata(null, null, null, null, null, Map.of(), Map.of());

    public ObjectMetadata {
        userMetadata = Map.copyOf(Objects.requireNonNull(userMetadata, "userMetadata"));
        checksums = Map.copyOf(Objects.requireNonNull(checksums, "checksums"));
        tags = Map.copyOf(Objects.requireNonNull(tags, "tags"));
    }

    /** Metadata without tags. */
    public ObjectMetadata(String contentType, String contentEncoding, String contentDisposition, String cacheControl,
            String expires, Map<String, String> userMetadata, Map<String, String> checksums) {
        this(contentType, contentEncoding, contentDisposition, cacheControl, expires, userMetadata, checksums, Map.of());
    }

    /** The same metadata with other tags. */
    public ObjectMetadata withTags(Map<String, String> newTags) {
        return new ObjectMetadata(contentType, contentEncoding, contentDisposition, cacheControl, expires, userMetadata,
                checksums, newTags);
    }
}
