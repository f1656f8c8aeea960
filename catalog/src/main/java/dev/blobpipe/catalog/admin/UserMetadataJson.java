package dev.blobpipe.catalog.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads user metadata as PostgreSQL prints a jsonb object of strings ({@code {"a": "b", "c": "d"}}): the catalog
 * stores nothing else there. Cheaper on the server than asking SQL for pairs, and only met for objects that have user
 * metadata. Anything else (nested values, numbers, text after the object) is refused, not guessed at.
 */
final class UserMetadataJson {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private UserMetadataJson() {
    }

    /** The object in {@code json[offset, offset + length)} (UTF-8). */
    static Map<String, String> parse(byte[] json, int offset, int length) {
        try (JsonParser parser = JSON.createParser(json, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("expected an object");
            }
            Map<String, String> map = new HashMap<>();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                    throw malformed("value of " + name + " is not a string");
                }
                if (map.put(name, parser.getText()) != null) {
                    throw malformed("duplicate key " + name);
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw malformed("text after the object");
            }
            return map;
        } catch (IOException e) {
            throw new IllegalStateException("user metadata is not a jsonb object of strings: " + e.getMessage(), e);
        }
    }

    private static IllegalStateException malformed(String why) {
        return new IllegalStateException("user metadata is not a jsonb object of strings: " + why);
    }
}
