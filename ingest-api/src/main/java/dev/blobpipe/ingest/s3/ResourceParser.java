package dev.blobpipe.ingest.s3;

import java.util.List;
import java.util.Locale;

/**
 * Finds bucket and key in a request: virtual-host style when the Host header (without port) is
 * {@code <bucket>.<domain>} for a configured domain, else path style ({@code /bucket/key}). Works on the raw path as
 * received, splitting before decoding, so an encoded slash ({@code %2F}) never separates bucket from key and
 * {@code //} stays in the key.
 */
final class ResourceParser {
    private final List<String> domainSuffixes;

    ResourceParser(List<String> virtualHostDomains) {
        this.domainSuffixes = virtualHostDomains.stream()
                .map(domain -> "." + domain.toLowerCase(Locale.ROOT))
                .toList();
    }

    /** Bucket and key of a request; {@code host} may be null (HTTP/1.0), {@code rawPath} starts with '/'. */
    S3Resource parse(String host, String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw new S3Exception(S3Error.INVALID_URI);
        }
        String virtualBucket = virtualHostBucket(host);
        if (virtualBucket != null) {
            return new S3Resource(virtualBucket, decode(rawPath.substring(1)));
        }
        if (rawPath.length() == 1) {
            return S3Resource.SERVICE;
        }
        int slash = rawPath.indexOf('/', 1);
        if (slash < 0) {
            return new S3Resource(decode(rawPath.substring(1)), null);
        }
        return new S3Resource(decode(rawPath.substring(1, slash)), decode(rawPath.substring(slash + 1)));
    }

    /** Decodes a path part; NUL is refused: neither PostgreSQL text nor XML 1.0 can hold it. */
    private static String decode(String rawPart) {
        String decoded = PercentEncoding.decodePath(rawPart);
        if (decoded.indexOf('\0') >= 0) {
            throw new S3Exception(S3Error.INVALID_URI);
        }
        return decoded;
    }

    private String virtualHostBucket(String host) {
        if (host == null || domainSuffixes.isEmpty()) {
            return null;
        }
        String name = stripPort(host.trim()).toLowerCase(Locale.ROOT);
        for (String suffix : domainSuffixes) {
            if (name.length() > suffix.length() && name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return null;
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
