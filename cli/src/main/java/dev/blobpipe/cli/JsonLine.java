package dev.blobpipe.cli;

/**
 * One flat JSON object on one line (JSON Lines), for {@code --json} output: string and number fields only, so no JSON
 * library is needed. Strings are escaped per RFC 8259; characters beyond ASCII are written as they are.
 */
final class JsonLine {
    private final StringBuilder text = new StringBuilder("{");

    JsonLine field(String name, String value) {
        name(name);
        if (value == null) {
            text.append("null");
        } else {
            string(value);
        }
        return this;
    }

    JsonLine field(String name, long value) {
        name(name);
        text.append(value);
        return this;
    }

    @Override
    public String toString() {
        return text + "}";
    }

    private void name(String name) {
        if (text.length() > 1) {
            text.append(',');
        }
        string(name);
        text.append(':');
    }

    private void string(String value) {
        text.append('"');
        for (int index = 0; index < value.length(); index++) {
            char c = value.charAt(index);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
