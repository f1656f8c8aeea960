package dev.blobpipe.ingest.s3;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes one S3 XML document straight into a response stream with the JDK's StAX writer, which escapes text. The
 * caller owns the stream: closing this ends the document and flushes, but does not close the stream.
 */
final class S3Xml implements AutoCloseable {
    /** The namespace of every S3 response document except Error. */
    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    static final String CONTENT_TYPE = "application/xml";

    // the JDK's own writer, not whichever StAX provider the classpath brings (Hadoop's Woodstox would stop escaping
    // '>' in text as S3 does): the same bytes on every classpath
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Bytes collected before a write to the response: the JDK's writer hands over every tag and text piece alone. */
    private static final int BUFFER_BYTES = 16 * 1024;

    private final XMLStreamWriter writer;
    private final BufferedOutputStream buffer;

    private S3Xml(XMLStreamWriter writer, BufferedOutputStream buffer) {
        this.writer = writer;
        this.buffer = buffer;
    }

    /** Starts a document whose root element is in the S3 namespace. */
    static S3Xml open(OutputStream out, String rootElement) throws IOException {
        return open(out, rootElement, NAMESPACE);
    }

    /** Starts a document; {@code namespace} null for none (the Error document has none). */
    static S3Xml open(OutputStream out, String rootElement, String namespace) throws IOException {
        // without it each piece became a socket write of its own: a 1,000-key listing took thousands of syscalls
        var buffer = new BufferedOutputStream(out, BUFFER_BYTES);
        try {
            XMLStreamWriter writer = FACTORY.createXMLStreamWriter(buffer, "UTF-8");
            writer.writeStartDocument("UTF-8", "1.0");
            if (namespace == null) {
                writer.writeStartElement(rootElement);
            } else {
                writer.setDefaultNamespace(namespace);
                writer.writeStartElement(namespace, rootElement);
                writer.writeDefaultNamespace(namespace);
            }
            return new S3Xml(writer, buffer);
        } catch (XMLStreamException e) {
            throw new IOException("cannot start XML document", e);
        }
    }

    S3Xml start(String element) throws IOException {
        try {
            writer.writeStartElement(element);
            return this;
        } catch (XMLStreamException e) {
            throw new IOException("cannot write XML element " + element, e);
        }
    }

    S3Xml end() throws IOException {
        try {
            writer.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IOException("cannot end XML element", e);
        }
    }

    /** An element with text content; {@code text} null writes an empty element. */
    S3Xml element(String element, String text) throws IOException {
        try {
            writer.writeStartElement(element);
            if (text != null) {
                writer.writeCharacters(text);
            }
            writer.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IOException("cannot write XML element " + element, e);
        }
    }

    /** Text inside the element just started (the root of LocationConstraint). */
    S3Xml text(String text) throws IOException {
        try {
            writer.writeCharacters(text);
            return this;
        } catch (XMLStreamException e) {
            throw new IOException("cannot write XML text", e);
        }
    }

    /** Like {@link #element} but writes nothing when {@code text} is null. */
    S3Xml optional(String element, String text) throws IOException {
        return text == null ? this : element(element, text);
    }

    S3Xml element(String element, long value) throws IOException {
        return element(element, Long.toString(value));
    }

    S3Xml element(String element, boolean value) throws IOException {
        return element(element, Boolean.toString(value));
    }

    S3Xml element(String element, Instant time) throws IOException {
        return element(element, isoTime(time));
    }

    /** An attribute of the element just started (xsi:type on a Grantee). */
    S3Xml attribute(String prefix, String namespace, String name, String value) throws IOException {
        try {
            writer.writeNamespace(prefix, namespace);
            writer.writeAttribute(prefix, namespace, name, value);
            return this;
        } catch (XMLStreamException e) {
            throw new IOException("cannot write XML attribute " + name, e);
        }
    }

    /** Timestamps in listings: ISO 8601 in UTC with milliseconds, as S3 writes them. */
    static String isoTime(Instant time) {
        return ISO_MILLIS.format(time.truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public void close() throws IOException {
        try {
            writer.writeEndDocument();
            writer.flush();
            writer.close();
            buffer.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot end XML document", e);
        }
    }
}
