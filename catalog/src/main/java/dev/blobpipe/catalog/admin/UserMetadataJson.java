package dev.blobpipe.catalog.admin;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads user metadata as PostgreSQL prints a jsonb object of strings ({@code {"a": "b", "c": "d"}}): the catalog
 * stores nothing else there. Cheaper on the server than asking SQL for pairs, and only met for objects that have user
 * metadata. Anything else (nested values, numbers, bad escapes) is refused, not guessed at.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8259#section-7">JSON strings</a>
 */
final class UserMetadataJson {
    private final byte[] json;
    private final int end;
    private int position;

    private UserMetadataJson(byte[] json, int offset, int length) {
        this.json = json;
        this.position = offset;
        this.end = offset + length;
    }

    /** The object in {@code json[offset, offset + length)} (UTF-8). */
    static Map<String, String> parse(byte[] json, int offset, int length) {
        return new UserMetadataJson(json, offset, length).object();
    }

    private Map<String, String> object() {
        Map<String, String> map = new HashMap<>();
        expect('{');
        if (peek() == '}') {
            position++;
        } else {
            int separator;
            do {
                String key = string();
                expect(':');
                String value = string();
                if (map.put(key, value) != null) {
                    throw malformed("duplicate key");
                }
                separator = next();
            } while (separator == ',');
            if (separator != '}') {
                throw malformed("expected ',' or '}'");
            }
        }
        if (peek() != -1) {
            throw malformed("text after the object");
        }
        return map;
    }

    private String string() {
        expect('"');
        int start = position;
        StringBuilder escaped = null;
        while (true) {
            if (position >= end) {
                throw malformed("unterminated string");
            }
            byte current = json[position];
            if (current == '"') {
                String plain = new String(json, start, position - start, StandardCharsets.UTF_8);
                position++;
                return escaped == null ? plain : escaped.append(plain).toString();
            }
            if (current != '\\') {
                position++;
                continue;
            }
            if (escaped == null) {
                escaped = new StringBuilder();
            }
            escaped.append(new String(json, start, position - start, StandardCharsets.UTF_8));
            escaped.append(unescape());
            start = position;
        }
    }

    /** Reads one escape sequence (at its backslash). */
    private char unescape() {
        if (position + 1 >= end) {
            throw malformed("unterminated escape");
        }
        byte kind = json[position + 1];
        position += 2;
        switch (kind) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (position + 4 > end) {
                    throw malformed("short \\u escape");
                }
                // a surrogate pair is two escapes of one char each: they join in the StringBuilder
                int unit = 0;
                for (int index = 0; index < 4; index++) {
                    int digit = Character.digit(json[position++], 16);
                    if (digit < 0) {
                        throw malformed("bad \\u escape");
                    }
                    unit = unit << 4 | digit;
                }
                return (char) unit;
            default:
                throw malformed("bad escape");
        }
    }

    private void expect(char wanted) {
        if (next() != wanted) {
            throw malformed("expected '" + wanted + "'");
        }
    }

    /** The next byte that is not JSON whitespace, consumed; -1 at the end. */
    private int next() {
        int current = peek();
        if (current != -1) {
            position++;
        }
        return current;
    }

    /** The next byte that is not JSON whitespace, not consumed; -1 at the end. */
    private int peek() {
        while (position < end) {
            byte current = json[position];
            if (current != ' ' && current != '\t' && current != '\n' && current != '\r') {
                return current;
            }
            position++;
        }
        return -1;
    }

    private IllegalStateException malformed(String problem) {
        return new IllegalStateException("user metadata is not a JSON object of strings: " + problem + " at byte "
                + position);
    }
}
