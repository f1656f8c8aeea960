package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.junit.jupiter.api.Test;

/** S3Xml writes exactly the bytes the JDK's StAX writer (which it replaced) wrote for the same calls. */
class S3XmlTest {
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    @Test
    void writesWhatTheJdkStaxWriterWroteForEveryKindOfCharacter() throws Exception {
        var random = new Random(5);
        for (int round = 0; round < 200; round++) {
            List<String> texts = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                texts.add(randomText(random, random.nextInt(40)));
                sizes.add(random.nextLong(Long.MAX_VALUE >> random.nextInt(63)));
            }
            assertSameBytes(ListingXml.ROOT, S3Xml.NAMESPACE, xml -> {
                xml.element("Name", "bkt").element("Prefix", (String) null);
                for (int i = 0; i < texts.size(); i++) {
                    xml.start("Contents").element("Key", texts.get(i)).element("Size", sizes.get(i)).end();
                }
            });
        }
    }

    @Test
    void writesWhatTheJdkStaxWriterWroteForAttributesEmptyElementsAndBareText() throws Exception {
        assertSameBytes("AccessControlPolicy", S3Xml.NAMESPACE, xml -> xml
                .start("Owner").element("ID", "id").element("DisplayName", "a\"b'c&<>").end()
                .start("AccessControlList").start("Grant").start("Grantee")
                .attribute("xsi", XSI, "type", "Canonical\"User&<>")
                .element("ID", "id").end().element("Permission", "FULL_CONTROL").end().end());
        assertSameBytes("LocationConstraint", S3Xml.NAMESPACE, xml -> xml.text("eu-west-1 & <more>"));
        assertSameBytes("LocationConstraint", S3Xml.NAMESPACE, xml -> { });
        assertSameBytes("Error", null, xml -> xml.element("Code", "NoSuchKey").element("Message", "")
                .element("Flag", true).element("Other", false).element("Count", 0).element("Least", Long.MIN_VALUE)
                .start("Open").start("Nested"));
    }

    @Test
    void writesListingTimestampsAsTheFormatterDid() throws Exception {
        List<Instant> times = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("2026-11-20T10:15:30.123456789Z"), Instant.parse("2024-02-29T23:59:59.9995Z"),
                Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999Z"),
                Instant.parse("-0001-06-01T00:00:00Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("0000-03-01T12:00:00.5Z")));
        var random = new Random(11);
        for (int i = 0; i < 2000; i++) {
            times.add(Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 260_000_000_000L),
                    random.nextInt(1_000_000_000)));
        }
        assertSameBytes(ListingXml.ROOT, S3Xml.NAMESPACE, xml -> {
            for (Instant time : times) {
                xml.element("LastModified", time);
            }
        });
    }

    @Test
    void keepsTheBytesWholeAcrossBufferBoundaries() throws Exception {
        var random = new Random(3);
        String longText = randomText(random, 3 * S3Xml.MAX_BUFFER_BYTES);
        var chunks = new ArrayList<Integer>();
        var out = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                chunks.add(len);
                super.write(b, off, len);
            }
        };
        try (S3Xml xml = S3Xml.open(out, ListingXml.ROOT)) {
            xml.element("Key", longText);
        }

        assertThat(out.toByteArray()).isEqualTo(stax(ListingXml.ROOT, S3Xml.NAMESPACE,
                xml -> xml.element("Key", longText)));
        assertThat(chunks).hasSizeGreaterThan(3).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(
                S3Xml.MAX_BUFFER_BYTES));
    }

    /** The calls a test makes, on either writer. */
    @FunctionalInterface
    private interface Script {
        void write(Calls xml) throws IOException;
    }

    /** S3Xml's methods, so one script drives both writers. */
    private interface Calls {
        Calls start(String element) throws IOException;

        Calls end() throws IOException;

        Calls element(String element, String text) throws IOException;

        Calls element(String element, long value) throws IOException;

        Calls element(String element, boolean value) throws IOException;

        Calls element(String element, Instant time) throws IOException;

        Calls text(String text) throws IOException;

        Calls attribute(String prefix, String namespace, String name, String value) throws IOException;
    }

    private static void assertSameBytes(String root, String namespace, Script script) throws Exception {
        var out = new ByteArrayOutputStream();
        try (S3Xml xml = S3Xml.open(out, root, namespace)) {
            script.write(new Ours(xml));
        }
        byte[] expected = stax(root, namespace, script);
        // as text first: a difference reads better so; then the bytes, which are what is sent
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(out.toByteArray()).isEqualTo(expected);
    }

    /** The writer S3Xml replaced, as it was: the JDK's StAX writer into a stream, UTF-8. */
    private static byte[] stax(String root, String namespace, Script script) throws Exception {
        var out = new ByteArrayOutputStream();
        XMLStreamWriter writer = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
        writer.writeStartDocument("UTF-8", "1.0");
        if (namespace == null) {
            writer.writeStartElement(root);
        } else {
            writer.setDefaultNamespace(namespace);
            writer.writeStartElement(namespace, root);
            writer.writeDefaultNamespace(namespace);
        }
        script.write(new Stax(writer));
        writer.writeEndDocument();
        writer.flush();
        writer.close();
        return out.toByteArray();
    }

    private static String randomText(Random random, int length) {
        var text = new StringBuilder();
        while (text.length() < length) {
            switch (random.nextInt(6)) {
                case 0 -> text.append("&<>\"'".charAt(random.nextInt(5)));
                case 1 -> text.append((char) random.nextInt(1, 0x80));
                case 2 -> text.append((char) random.nextInt(0x80, 0x800));
                case 3 -> text.append((char) random.nextInt(0x800, 0xD800));
                case 4 -> text.append((char) random.nextInt(0xE000, 0x10000));
                default -> text.appendCodePoint(random.nextInt(0x10000, Character.MAX_CODE_POINT + 1));
            }
        }
        return text.toString();
    }

    private record Ours(S3Xml xml) implements Calls {
        @Override
        public Calls start(String element) throws IOException {
            xml.start(element);
            return this;
        }

        @Override
        public Calls end() throws IOException {
            xml.end();
            return this;
        }

        @Override
        public Calls element(String element, String text) throws IOException {
            xml.element(element, text);
            return this;
        }

        @Override
        public Calls element(String element, long value) throws IOException {
            xml.element(element, value);
            return this;
        }

        @Override
        public Calls element(String element, boolean value) throws IOException {
            xml.element(element, value);
            return this;
        }

        @Override
        public Calls element(String element, Instant time) throws IOException {
            xml.element(element, time);
            return this;
        }

        @Override
        public Calls text(String text) throws IOException {
            xml.text(text);
            return this;
        }

        @Override
        public Calls attribute(String prefix, String namespace, String name, String value) throws IOException {
            xml.attribute(prefix, namespace, name, value);
            return this;
        }
    }

    private record Stax(XMLStreamWriter writer) implements Calls {
        private static final DateTimeFormatter ISO_MILLIS =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

        @Override
        public Calls start(String element) throws IOException {
            return call(() -> writer.writeStartElement(element));
        }

        @Override
        public Calls end() throws IOException {
            return call(writer::writeEndElement);
        }

        @Override
        public Calls element(String element, String text) throws IOException {
            return call(() -> {
                writer.writeStartElement(element);
                if (text != null) {
                    writer.writeCharacters(text);
                }
                writer.writeEndElement();
            });
        }

        @Override
        public Calls element(String element, long value) throws IOException {
            return element(element, Long.toString(value));
        }

        @Override
        public Calls element(String element, boolean value) throws IOException {
            return element(element, Boolean.toString(value));
        }

        @Override
        public Calls element(String element, Instant time) throws IOException {
            return element(element, ISO_MILLIS.format(time.truncatedTo(ChronoUnit.MILLIS)));
        }

        @Override
        public Calls text(String text) throws IOException {
            return call(() -> writer.writeCharacters(text));
        }

        @Override
        public Calls attribute(String prefix, String namespace, String name, String value) throws IOException {
            return call(() -> {
                writer.writeNamespace(prefix, namespace);
                writer.writeAttribute(prefix, namespace, name, value);
            });
        }

        private Calls call(StaxCall call) throws IOException {
            try {
                call.run();
                return this;
            } catch (XMLStreamException e) {
                throw new IOException(e);
            }
        }

        @FunctionalInterface
        private interface StaxCall {
            void run() throws XMLStreamException;
        }
    }
}
