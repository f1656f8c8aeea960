package dev.blobpipe.ingest.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * Writes one S3 XML document straight into a response stream as UTF-8, escaping text. The caller owns the stream:
 * closing this ends the document and hands the rest of it to the stream, but does not close or flush the stream.
 *
 * <p>The bytes are those the JDK's StAX writer wrote for the same calls (S3XmlTest holds the two side by side):
 * {@code &}, {@code <} and {@code >} escaped in text as S3 does, also {@code "} in attribute values, an element
 * without content written {@code <a></a>}. It replaced that writer because a 1,000-key listing cost ~7 ms of CPU and
 * ~1 MB of garbage there: one synchronized stream write per byte, a date formatter per LastModified. Here the bytes
 * go to an unsynchronized buffer that grows to {@link #MAX_BUFFER_BYTES} and then goes to the stream whenever full.
 */
final class S3Xml implements AutoCloseable {
    /** The namespace of every S3 response document except Error. */
    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    static final String CONTENT_TYPE = "application/xml";

    private static final byte[] DECLARATION =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int FIRST_BUFFER_BYTES = 4 * 1024;
    /** A 1,000-key listing (~220 KB) reaches the stream in four writes; small documents never allocate this much. */
    static final int MAX_BUFFER_BYTES = 64 * 1024;
    private static final byte[] AMP = "&amp;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LT = "&lt;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GT = "&gt;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUOT = "&quot;".getBytes(StandardCharsets.US_ASCII);
    /** The most bytes one character can take: "&quot;" (6); a surrogate pair takes 4 in UTF-8. */
    private static final int MAX_CHAR_BYTES = 6;
    private static final int SECONDS_PER_DAY = 86_400;

    private final OutputStream out;
    private byte[] buffer = new byte[FIRST_BUFFER_BYTES];
    private int length;
    private String[] open = new String[8];
    private int depth;
    /** The last start tag still lacks its '>': attributes may follow. */
    private boolean startTagOpen;

    private S3Xml(OutputStream out) {
        this.out = out;
    }

    /** Starts a document whose root element is in the S3 namespace. */
    static S3Xml open(OutputStream out, String rootElement) throws IOException {
        return open(out, rootElement, NAMESPACE);
    }

    /** Starts a document; {@code namespace} null for none (the Error document has none). */
    static S3Xml open(OutputStream out, String rootElement, String namespace) throws IOException {
        var xml = new S3Xml(out);
        xml.raw(DECLARATION);
        xml.start(rootElement);
        if (namespace != null) {
            xml.ascii(" xmlns=\"").escaped(namespace, true).ascii("\"");
        }
        return xml;
    }

    S3Xml start(String element) throws IOException {
        closeStartTag();
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = element;
        ascii("<").ascii(element);
        startTagOpen = true;
        return this;
    }

    S3Xml end() throws IOException {
        if (depth == 0) {
            throw new IllegalStateException("no XML element to end");
        }
        closeStartTag();
        String element = open[--depth];
        open[depth] = null;
        ascii("</").ascii(element).ascii(">");
        return this;
    }

    /** An element with text content; {@code text} null writes an empty element. */
    S3Xml element(String element, String text) throws IOException {
        start(element);
        if (text != null) {
            closeStartTag();
            escaped(text, false);
        }
        return end();
    }

    /** Text inside the element just started (the root of LocationConstraint). */
    S3Xml text(String text) throws IOException {
        closeStartTag();
        escaped(text, false);
        return this;
    }

    /** Like {@link #element} but writes nothing when {@code text} is null. */
    S3Xml optional(String element, String text) throws IOException {
        return text == null ? this : element(element, text);
    }

    S3Xml element(String element, long value) throws IOException {
        start(element);
        closeStartTag();
        digits(value);
        return end();
    }

    S3Xml element(String element, boolean value) throws IOException {
        return element(element, value ? "true" : "false");
    }

    S3Xml element(String element, Instant time) throws IOException {
        start(element);
        closeStartTag();
        writeTime(time);
        return end();
    }

    /** An attribute of the element just started (xsi:type on a Grantee), declaring its namespace prefix with it. */
    S3Xml attribute(String prefix, String namespace, String name, String value) throws IOException {
        if (!startTagOpen) {
            throw new IllegalStateException("attribute " + name + " outside a start tag");
        }
        ascii(" xmlns:").ascii(prefix).ascii("=\"").escaped(namespace, true).ascii("\" ")
                .ascii(prefix).ascii(":").ascii(name).ascii("=\"").escaped(value, true).ascii("\"");
        return this;
    }

    /** Timestamps in listings: ISO 8601 in UTC with milliseconds, as S3 writes them. */
    static String isoTime(Instant time) {
        return ISO_MILLIS.format(time.truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public void close() throws IOException {
        while (depth > 0) {
            end();
        }
        if (length > 0) {
            out.write(buffer, 0, length);
            length = 0;
        }
    }

    private void closeStartTag() throws IOException {
        if (startTagOpen) {
            startTagOpen = false;
            ascii(">");
        }
    }

    /** Names and markup: ASCII, written as they are. */
    private S3Xml ascii(String text) throws IOException {
        int n = text.length();
        room(n);
        for (int i = 0; i < n; i++) {
            buffer[length++] = (byte) text.charAt(i);
        }
        return this;
    }

    private void raw(byte[] bytes) throws IOException {
        room(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    /**
     * Text or an attribute value in UTF-8 with {@code & < >} (and {@code "} in attributes) as references. A surrogate
     * without its pair (no key can hold one: keys arrive as UTF-8) becomes '?' as in String.getBytes.
     */
    private S3Xml escaped(String text, boolean attribute) throws IOException {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (buffer.length - length < MAX_CHAR_BYTES) {
                room(MAX_CHAR_BYTES);
            }
            char c = text.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '&' -> reference(AMP);
                    case '<' -> reference(LT);
                    case '>' -> reference(GT);
                    case '"' -> {
                        if (attribute) {
                            reference(QUOT);
                        } else {
                            buffer[length++] = '"';
                        }
                    }
                    default -> buffer[length++] = (byte) c;
                }
            } else if (c < 0x800) {
                buffer[length++] = (byte) (0xC0 | (c >> 6));
                buffer[length++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, text.charAt(++i));
                    buffer[length++] = (byte) (0xF0 | (codePoint >> 18));
                    buffer[length++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                    buffer[length++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                    buffer[length++] = (byte) (0x80 | (codePoint & 0x3F));
                } else {
                    buffer[length++] = '?';
                }
            } else {
                buffer[length++] = (byte) (0xE0 | (c >> 12));
                buffer[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buffer[length++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return this;
    }

    /** One of the entity references (the caller made room for {@link #MAX_CHAR_BYTES}). */
    private void reference(byte[] reference) {
        System.arraycopy(reference, 0, buffer, length, reference.length);
        length += reference.length;
    }

    private void digits(long value) throws IOException {
        if (value < 0) {
            ascii(Long.toString(value)); // no listing or count is negative; kept exact all the same
            return;
        }
        room(19);
        int end = length + digitCount(value);
        for (int i = end - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
    }

    private static int digitCount(long value) {
        int count = 1;
        while (value >= 10) {
            value /= 10;
            count++;
        }
        return count;
    }

    /** {@link #isoTime(Instant)} written in place: a listing has 1,000 of them. */
    private void writeTime(Instant time) throws IOException {
        long seconds = time.getEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        if (date.getYear() < 1 || date.getYear() > 9999) {
            ascii(isoTime(time)); // the pattern's era and sign rules: not worth repeating for such dates
            return;
        }
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        room(24);
        fixed(date.getYear(), 4);
        buffer[length++] = '-';
        fixed(date.getMonthValue(), 2);
        buffer[length++] = '-';
        fixed(date.getDayOfMonth(), 2);
        buffer[length++] = 'T';
        fixed(secondOfDay / 3600, 2);
        buffer[length++] = ':';
        fixed(secondOfDay / 60 % 60, 2);
        buffer[length++] = ':';
        fixed(secondOfDay % 60, 2);
        buffer[length++] = '.';
        fixed(time.getNano() / 1_000_000, 3);
        buffer[length++] = 'Z';
    }

    private void fixed(int value, int width) {
        for (int i = length + width - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += width;
    }

    /** Makes room for {@code bytes} more: grows the buffer up to its ceiling, then hands it to the stream. */
    private void room(int bytes) throws IOException {
        if (buffer.length - length >= bytes) {
            return;
        }
        if (buffer.length < MAX_BUFFER_BYTES) {
            int size = buffer.length;
            while (size - length < bytes && size < MAX_BUFFER_BYTES) {
                size *= 2;
            }
            buffer = Arrays.copyOf(buffer, Math.max(size, length + bytes));
            if (buffer.length - length >= bytes) {
                return;
            }
        }
        out.write(buffer, 0, length);
        length = 0;
        if (buffer.length < bytes) {
            buffer = new byte[bytes]; // only for a name longer than the buffer: never for S3's element names
        }
    }
}
