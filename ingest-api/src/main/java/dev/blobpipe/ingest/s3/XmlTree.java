package dev.blobpipe.ingest.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small request document (CORSConfiguration, Tagging, Delete) read into elements: name, text, children. Only for
 * bodies the caller has capped (a few KiB to a few MiB of keys, never object data); namespaces are ignored, as S3
 * accepts the documents with or without its namespace. Anything not XML is MalformedXML.
 */
record XmlTree(String name, String text, List<XmlTree> children) {
    private static final XMLInputFactory INPUT = BucketXml.secureInputFactory();
    /** Deeper than any S3 request document; stops a pathological nesting from costing stack. */
    private static final int MAX_DEPTH = 8;

    XmlTree {
        children = List.copyOf(children);
    }

    /** The root element of {@code body}, which must be named {@code rootName}. */
    static XmlTree parse(InputStream body, String rootName) throws IOException {
        XMLStreamReader reader = null;
        try {
            reader = INPUT.createXMLStreamReader(body);
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                    if (!rootName.equals(reader.getLocalName())) {
                        throw malformed();
                    }
                    return element(reader, 1);
                }
            }
            throw malformed();
        } catch (XMLStreamException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof S3Exception s3) {
                    throw s3;   // from the body stream (too long, bad chunk signature), not from the XML
                }
            }
            throw malformed();
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException e) {
                    // closing a reader releases nothing of ours (the caller closes the stream); safe to ignore
                }
            }
        }
    }

    /** Reads the element the reader is on, up to and including its end tag. */
    private static XmlTree element(XMLStreamReader reader, int depth) throws XMLStreamException {
        if (depth > MAX_DEPTH) {
            throw malformed();
        }
        String name = reader.getLocalName();
        var text = new StringBuilder();
        List<XmlTree> children = new ArrayList<>();
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                children.add(element(reader, depth + 1));
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return new XmlTree(name, children.isEmpty() ? text.toString() : "", children);
            }
        }
    }

    /** Children named {@code childName}, in document order. */
    List<XmlTree> all(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).toList();
    }

    /** The text of the one child named {@code childName}, or null if absent; twice is MalformedXML. */
    String childText(String childName) {
        List<XmlTree> found = all(childName);
        if (found.size() > 1) {
            throw malformed();
        }
        return found.isEmpty() ? null : found.get(0).text;
    }

    /** The texts of every child named {@code childName}, trimmed. */
    List<String> childTexts(String childName) {
        return all(childName).stream().map(child -> child.text.trim()).toList();
    }

    static S3Exception malformed() {
        return new S3Exception(S3Error.MALFORMED_XML);
    }
}
