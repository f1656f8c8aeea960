package dev.blobpipe.catalog.admin;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A streaming JSON writer for the admin answers, over HTTP and on the command line: objects, arrays, string, number
 * and null values, written as they come (nothing is buffered beyond the underlying writer's buffer). Strings are escaped per RFC 8259; characters beyond
 * ASCII are written as they are. The caller keeps the nesting right; mistakes are IllegalStateException.
 */
public final class JsonWriter {
    private final Writer out;
    /** Per open container: whether it already has a member (so the next one needs a comma). */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;

    public JsonWriter(Writer out) {
        this.out = out;
    }

    /** What {@link #text} writes. */
    @FunctionalInterface
    public interface Body {
        void write(JsonWriter json) throws IOException;
    }

    /** The text {@code body} writes, e.g. one JSON Lines row without its newline. */
    public static String text(Body body) {
        var text = new StringWriter();
        try {
            body.write(new JsonWriter(text));
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    public JsonWriter beginObject() throws IOException {
        beforeValue();
        out.write('{');
        open.push(new boolean[1]);
        return this;
    }

    public JsonWriter endObject() throws IOException {
        return end('}');
    }

    public JsonWriter beginArray() throws IOException {
        beforeValue();
        out.write('[');
        open.push(new boolean[1]);
        return this;
    }

    public JsonWriter endArray() throws IOException {
        return end(']');
    }

    public JsonWriter name(String name) throws IOException {
        if (afterName || open.isEmpty()) {
            throw new IllegalStateException("a name belongs inside an object, before its value");
        }
        separate();
        string(name);
        out.write(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String value) throws IOException {
        beforeValue();
        if (value == null) {
            out.write("null");
        } else {
            string(value);
        }
        return this;
    }

    public JsonWriter value(long value) throws IOException {
        beforeValue();
        out.write(Long.toString(value));
        return this;
    }

    /** Ends a JSON Lines row: a newline between top-level values. */
    public JsonWriter newline() throws IOException {
        if (!open.isEmpty()) {
            throw new IllegalStateException("a row ends outside every object and array");
        }
        out.write('\n');
        return this;
    }

    /** A member with a string value. */
    public JsonWriter field(String name, String value) throws IOException {
        return name(name).value(value);
    }

    /** A member with a number value. */
    public JsonWriter field(String name, long value) throws IOException {
        return name(name).value(value);
    }

    private JsonWriter end(char close) throws IOException {
        if (open.isEmpty() || afterName) {
            throw new IllegalStateException("nothing to close with " + close);
        }
        open.pop();
        out.write(close);
        return this;
    }

    private void beforeValue() throws IOException {
        if (afterName) {
            afterName = false;
            return;
        }
        separate();
    }

    private void separate() throws IOException {
        boolean[] hasMember = open.peek();
        if (hasMember == null) {
            return;
        }
        if (hasMember[0]) {
            out.write(',');
        }
        hasMember[0] = true;
    }

    private void string(String value) throws IOException {
        out.write('"');
        for (int index = 0; index < value.length(); index++) {
            char c = value.charAt(index);
            switch (c) {
                case '"' -> out.write("\\\"");
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                default -> {
                    if (c < 0x20) {
                        out.write(String.format("\\u%04x", (int) c));
                    } else {
                        out.write(c);
                    }
                }
            }
        }
        out.write('"');
    }
}
