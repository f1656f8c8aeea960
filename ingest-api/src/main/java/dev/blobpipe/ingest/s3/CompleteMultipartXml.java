package dev.blobpipe.ingest.s3;

import dev.blobpipe.schemas.PartOf;
import java.io.InputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the body of a CompleteMultipartUpload: {@code <CompleteMultipartUpload><Part><PartNumber>1</PartNumber>
 * <ETag>"…"</ETag></Part>…</CompleteMultipartUpload>}, in document order, with the per-part checksums current SDKs
 * add ({@code <ChecksumCRC32C>}, by algorithm name); other elements are skipped. A missing PartNumber or ETag, more
 * than 10,000 parts, no part at all or
 * anything not XML is MalformedXML. The caller caps the body's size.
 */
final class CompleteMultipartXml {
    private static final XMLInputFactory INPUT = BucketXml.secureInputFactory();
    private static final String ROOT = "CompleteMultipartUpload";

    /**
     * One part the client chose: its number, the ETag it got (without quotes) and the checksums it lists, by
     * algorithm name as in the element ({@code ChecksumCRC32C} gives "CRC32C").
     */
    record ChosenPart(int partNumber, String etag, Map<String, String> checksums) {
        ChosenPart {
            checksums = Map.copyOf(checksums);
        }

        ChosenPart(int partNumber, String etag) {
            this(partNumber, etag, Map.of());
        }
    }

    private static final String CHECKSUM_PREFIX = "Checksum";

    private CompleteMultipartXml() {
    }

    static List<ChosenPart> parse(InputStream body) throws IOException {
        XMLStreamReader reader = null;
        try {
            reader = INPUT.createXMLStreamReader(body);
            List<ChosenPart> parts = new ArrayList<>();
            boolean rootSeen = false;
            int depth = 0;
            String partNumber = null;
            String etag = null;
            Map<String, String> checksums = new LinkedHashMap<>();
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = reader.getLocalName();
                    if (depth == 1) {
                        if (!ROOT.equals(name)) {
                            throw malformed();
                        }
                        rootSeen = true;
                    } else if (depth == 2 && "Part".equals(name)) {
                        partNumber = null;
                        etag = null;
                        checksums = new LinkedHashMap<>();
                    } else if (depth == 3 && "PartNumber".equals(name)) {
                        partNumber = reader.getElementText().trim();
                        depth--;
                    } else if (depth == 3 && "ETag".equals(name)) {
                        etag = reader.getElementText().trim();
                        depth--;
                    } else if (depth == 3 && name.startsWith(CHECKSUM_PREFIX)
                            && name.length() > CHECKSUM_PREFIX.length()) {
                        checksums.put(name.substring(CHECKSUM_PREFIX.length()), reader.getElementText().trim());
                        depth--;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 2 && "Part".equals(reader.getLocalName())) {
                        if (parts.size() == PartOf.MAX_PART_NUMBER) {
                            throw malformed();
                        }
                        parts.add(part(partNumber, etag, checksums));
                    }
                    depth--;
                }
            }
            if (!rootSeen || parts.isEmpty()) {
                throw malformed();
            }
            return parts;
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

    private static ChosenPart part(String partNumber, String etag, Map<String, String> checksums) {
        if (partNumber == null || etag == null) {
            throw malformed();
        }
        return new ChosenPart(MultipartParameters.partNumber(partNumber), ObjectReadHandler.unquoted(etag),
                checksums);
    }

    private static S3Exception malformed() {
        return new S3Exception(S3Error.MALFORMED_XML);
    }
}
