package dev.blobpipe.ingest.s3;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of request paths and query strings (strict UTF-8: a bad escape or invalid UTF-8 is InvalidURI),
 * and the encoding S3 applies to names in listings with {@code encoding-type=url}.
 */
final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /** Decodes a raw path part: '+' stays '+', since in a path it is a literal character of the key. */
    static String decodePath(String raw) {
        return decode(raw, false);
    }

    /**
     * Decodes a raw query name or value. '+' becomes a space, as S3 itself, S3Proxy (servlet form decoding) and
     * MinIO (Go's url.ParseQuery) do: SDKs encode a space as %20 and a plus as %2B, so no client is hurt, and tools
     * that form-encode (s3cmd, browsers) get what they meant.
     */
    static String decodeQuery(String raw) {
        return decode(raw, true);
    }

    private static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        // Work on the UTF-8 bytes: Jetty may hand us raw non-ASCII characters; '%' and hex digits are ASCII either way.
        byte[] in = raw.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[in.length];
        int length = 0;
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '%') {
                if (i + 2 >= in.length) {
                    throw invalid();
                }
                int high = Character.digit(in[i + 1], 16);
                int low = Character.digit(in[i + 2], 16);
                if (high < 0 || low < 0) {
                    throw invalid();
                }
                out[length++] = (byte) (high << 4 | low);
                i += 2;
            } else if (b == '+' && plusIsSpace) {
                out[length++] = ' ';
            } else {
                out[length++] = b;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid();
        }
    }

    /**
     * Encodes a name for a listing with encoding-type=url the way MinIO's s3URLEncode (which matches S3) does: the
     * unreserved characters, '/' and '*' stay, a space becomes '+', every other byte of the UTF-8 form (also '~')
     * becomes %XX. SDKs decode it with form decoding ('+' is a space).
     */
    static String encodeListingName(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder encoded = new StringBuilder(name.length() + 8);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == '/' || c == '*') {
                encoded.append((char) c);
            } else if (c == ' ') {
                encoded.append('+');
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }

    /** Encodes a key for a URL path (a Location header or element): unreserved characters and '/' stay, others %XX. */
    static String encodePath(String name) {
        StringBuilder encoded = new StringBuilder(name.length() + 8);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }

    private static S3Exception invalid() {
        return new S3Exception(S3Error.INVALID_URI);
    }
}
