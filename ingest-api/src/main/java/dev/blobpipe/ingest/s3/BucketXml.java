package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.BucketInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** The bucket documents: ListAllMyBucketsResult, LocationConstraint, AccessControlPolicy, CreateBucketConfiguration. */
final class BucketXml {
    private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
    private static final XMLInputFactory INPUT = secureInputFactory();

    private BucketXml() {
    }

    /** Inside ListAllMyBucketsResult. */
    static void writeBuckets(S3Xml xml, Owner owner, List<BucketInfo> buckets) throws IOException {
        writeOwner(xml, owner);
        xml.start("Buckets");
        for (BucketInfo bucket : buckets) {
            xml.start("Bucket")
                    .element("Name", bucket.name())
                    .element("CreationDate", bucket.createdAt())
                    .element("BucketRegion", bucket.region())
                    .end();
        }
        xml.end();
    }

    /** Inside AccessControlPolicy: the owner has FULL_CONTROL, nobody else anything (we have one user). */
    static void writeOwnerOnlyAcl(S3Xml xml, Owner owner) throws IOException {
        writeOwner(xml, owner);
        xml.start("AccessControlList").start("Grant").start("Grantee")
                .attribute("xsi", XSI, "type", "CanonicalUser")
                .element("ID", owner.id())
                .element("DisplayName", owner.displayName())
                .end()
                .element("Permission", "FULL_CONTROL")
                .end().end();
    }

    static void writeOwner(S3Xml xml, Owner owner) throws IOException {
        xml.start("Owner").element("ID", owner.id()).element("DisplayName", owner.displayName()).end();
    }

    /**
     * The LocationConstraint of a CreateBucketConfiguration body, empty when the body is empty or names none.
     *
     * @throws S3Exception MALFORMED_XML when the body is not such a document
     */
    static Optional<String> parseLocationConstraint(InputStream body) throws IOException {
        var in = new PushbackInputStream(body, 1);
        int first = in.read();
        if (first < 0) {
            return Optional.empty();
        }
        in.unread(first);
        XMLStreamReader reader = null;
        try {
            reader = INPUT.createXMLStreamReader(in);
            int depth = 0;
            String location = null;
            boolean rootSeen = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = reader.getLocalName();
                    if (depth == 1) {
                        if (!"CreateBucketConfiguration".equals(name)) {
                            throw malformed();
                        }
                        rootSeen = true;
                    } else if (depth == 2 && "LocationConstraint".equals(name)) {
                        location = reader.getElementText().trim();
                        depth--;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            if (!rootSeen) {
                throw malformed();
            }
            return Optional.ofNullable(location).filter(text -> !text.isEmpty());
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

    private static S3Exception malformed() {
        return new S3Exception(S3Error.MALFORMED_XML);
    }

    /** No DTDs, no external entities: a request body must not make us read files or the network (XXE). */
    static XMLInputFactory secureInputFactory() {
        // the JDK's own parser whatever else is on the classpath (see S3Xml), so the security settings below mean
        // the same thing everywhere
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }
}
