package dev.blobpipe.ingest.auth;

import dev.blobpipe.ingest.s3.S3Exception;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The SigV4 canonical request of an S3 request as received
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html).
 *
 * <p>S3 signs the path once-encoded (no double encoding, no dot-segment normalisation). We never decode the raw path
 * and re-encode it, because clients differ in which characters they escape on the wire: instead each character is
 * normalised in place (unreserved characters and '/' kept, existing %XX escapes kept with upper-case hex, anything else
 * percent-encoded as UTF-8). That way '+', ' ', '%', unicode and empty segments ('//') in keys verify however the
 * client escaped them, as long as it signed what it sent in AWS's UriEncode form.
 */
final class CanonicalRequest {
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    private CanonicalRequest() {
    }

    /**
     * The full canonical request: method, URI ({@link #canonicalUri}), query ({@link #canonicalQuery}), headers,
     * signed header list, payload hash.
     */
    static String of(String method, String canonicalUri, String canonicalQuery, Map<String, List<String>> headers,
            List<String> signedHeaders, String payloadHash) {
        StringBuilder out = new StringBuilder(512);
        out.append(method).append('\n');
        out.append(canonicalUri).append('\n');
        out.append(canonicalQuery).append('\n');
        for (String name : signedHeaders) {
            out.append(name).append(':').append(canonicalHeaderValue(headers.get(name))).append('\n');
        }
        out.append('\n');
        out.append(String.join(";", signedHeaders)).append('\n');
        out.append(payloadHash);
        return out.toString();
    }

    /** The raw path normalised in place (see the class comment); empty becomes "/". */
    static String canonicalUri(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        return normalise(rawPath, false);
    }

    /**
     * The path as AWS S3 itself canonicalises it: percent-decoded, then every byte but unreserved ones and '/'
     * encoded. Tried only when {@link #canonicalUri} did not match, for clients that escape characters on the wire
     * which UriEncode leaves alone (e.g. "%7E" for '~'). Both forms name the same key.
     */
    static String decodedCanonicalUri(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        byte[] decoded = percentDecode(rawPath);
        StringBuilder out = new StringBuilder(decoded.length + 16);
        for (byte b : decoded) {
            int c = b & 0xff;
            if (isUnreserved(c) || c == '/') {
                out.append((char) c);
            } else {
                appendEscape(out, c);
            }
        }
        return out.toString();
    }

    /**
     * The raw query split on '&amp;', each name and value normalised like the path but with '/' encoded too, a
     * parameter without '=' given an empty value, parameters with an empty name dropped (as the SDKs do), sorted by
     * name then value.
     */
    static String canonicalQuery(String rawQuery) {
        return canonicalQuery(rawQuery, null);
    }

    /**
     * {@link #canonicalQuery(String)} leaving out every parameter whose normalised name is {@code excludedName}
     * (null: none). Query authentication signs the query without its own X-Amz-Signature.
     */
    static String canonicalQuery(String rawQuery, String excludedName) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        for (String param : rawQuery.split("&")) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            String value = eq < 0 ? "" : param.substring(eq + 1);
            if (name.isEmpty()) {
                continue;
            }
            String canonicalName = normalise(name, true);
            if (canonicalName.equals(excludedName)) {
                continue;
            }
            params.add(new String[] {canonicalName, normalise(value, true)});
        }
        // After normalisation everything is ASCII, so String order is byte order, as SigV4 asks.
        params.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder(rawQuery.length() + 16);
        for (String[] param : params) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(param[0]).append('=').append(param[1]);
        }
        return out.toString();
    }

    /**
     * Parses a SignedHeaders list (lower-case names separated by ';', in the order the client signed them);
     * {@code malformed} turns a reason into the exception the caller's auth form answers.
     */
    static List<String> signedHeaderNames(String value, Function<String, S3Exception> malformed) {
        List<String> names = List.of(value.split(";", -1));
        for (String name : names) {
            if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT)) || name.indexOf(' ') >= 0) {
                throw malformed.apply("SignedHeaders must be lower-case header names separated by ';'.");
            }
        }
        return names;
    }

    /**
     * Percent-decodes a query parameter value as UTF-8 ('+' stays '+': SigV4 clients encode a space as %20), for
     * reading the X-Amz-* authentication parameters.
     */
    static String decodeQueryValue(String raw) {
        return new String(percentDecode(raw), StandardCharsets.UTF_8);
    }

    /** Values trimmed, inner whitespace runs collapsed to one space, several values joined by ','. */
    static String canonicalHeaderValue(List<String> values) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendTrimmedCollapsed(out, values.get(i));
        }
        return out.toString();
    }

    private static void appendTrimmedCollapsed(StringBuilder out, String value) {
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isWhitespace(c)) {
                pendingSpace = started;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
                started = true;
            }
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b';
    }

    private static String normalise(String raw, boolean encodeSlash) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%' && isHex(raw, i + 1) && isHex(raw, i + 2)) {
                out.append('%')
                        .append(Character.toUpperCase(raw.charAt(i + 1)))
                        .append(Character.toUpperCase(raw.charAt(i + 2)));
                i += 3;
            } else if (c < 0x80 && (isUnreserved(c) || (c == '/' && !encodeSlash))) {
                out.append(c);
                i++;
            } else {
                int codePoint = raw.codePointAt(i);
                int length = Character.charCount(codePoint);
                for (byte b : raw.substring(i, i + length).getBytes(StandardCharsets.UTF_8)) {
                    appendEscape(out, b & 0xff);
                }
                i += length;
            }
        }
        return out.toString();
    }

    private static byte[] percentDecode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%' && isHex(raw, i + 1) && isHex(raw, i + 2)) {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int codePoint = raw.codePointAt(i);
                int length = Character.charCount(codePoint);
                out.writeBytes(raw.substring(i, i + length).getBytes(StandardCharsets.UTF_8));
                i += length;
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(String raw, int index) {
        return index < raw.length() && SigningPrimitives.isHexDigit(raw.charAt(index));
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static void appendEscape(StringBuilder out, int b) {
        out.append('%').append(HEX_UPPER[b >> 4]).append(HEX_UPPER[b & 0xf]);
    }
}
