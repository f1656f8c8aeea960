package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.ingest.upload.StoredChecksums;
import dev.blobpipe.ingest.upload.StoredChecksums.ObjectChecksum;
import dev.blobpipe.schemas.Extent;
import dev.blobpipe.schemas.ObjectManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GetObjectAttributes (GET /bucket/key?attributes,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html): the attributes named in
 * x-amz-object-attributes, from the catalog alone (no byte is read). ObjectParts, for a multipart object only, lists
 * each part's number, size and checksum (of the object's algorithm, as uploaded with the part) from the object's
 * extents, paged by x-amz-max-parts and x-amz-part-number-marker. A copy of a multipart object lists no part
 * checksums: the catalog keeps them only for the object its completion made.
 */
final class ObjectAttributesHandler {
    /** The attribute names S3 accepts, by lower-case name (S3 matches them case-insensitively). */
    private static final Map<String, String> ATTRIBUTES = Map.of(
            "etag", "ETag", "checksum", "Checksum", "objectparts", "ObjectParts", "storageclass", "StorageClass",
            "objectsize", "ObjectSize");

    private final S3Backend backend;

    ObjectAttributesHandler(S3Backend backend) {
        this.backend = backend;
    }

    void get(S3Call call) throws IOException {
        Set<String> attributes = attributes(call.headers().get("x-amz-object-attributes"));
        int maxParts = MultipartParameters.maxListed("max-parts", call.header("x-amz-max-parts"));
        int marker = MultipartParameters.partNumberMarker(call.header("x-amz-part-number-marker"));
        Optional<StoredObject> found = backend.catalog().object(call.bucket(), call.key());
        if (found.isEmpty()) {
            backend.requireBucket(call.bucket());   // only on a miss: which 404 it is
            throw new S3Exception(S3Error.NO_SUCH_KEY);
        }
        StoredObject object = found.get();
        ObjectManifest manifest = object.manifest();
        call.responseHeader("Last-Modified", HttpDates.format(manifest.lastModified()));
        Optional<ObjectChecksum> checksum = StoredChecksums.object(manifest.metadata().checksums());
        call.sendXml("GetObjectAttributesResponse", xml -> {
            if (attributes.contains("ETag")) {
                // unquoted here, unlike in every other response (as S3 sends it)
                xml.element("ETag", ObjectReadHandler.unquoted(manifest.etag()));
            }
            if (attributes.contains("Checksum") && checksum.isPresent()) {
                // a composite without its "-N": the part count is in ObjectParts
                xml.start("Checksum")
                        .element(StoredChecksums.elementName(checksum.get().algorithm()),
                                checksum.get().valueWithoutPartCount())
                        .element("ChecksumType", checksum.get().type().name())
                        .end();
            }
            if (attributes.contains("ObjectParts") && manifest.isMultipart()) {
                writeParts(xml, object, marker, maxParts);
            }
            if (attributes.contains("StorageClass")) {
                xml.element("StorageClass", "STANDARD");
            }
            if (attributes.contains("ObjectSize")) {
                xml.element("ObjectSize", manifest.sizeBytes());
            }
        });
    }

    /**
     * The parts after {@code marker}, at most {@code maxParts}, in object order; PartsCount counts them all. Each part
     * is PartNumber, Size and, when the object has a checksum, the part's (ChecksumSHA256…: base64, no "-N")
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ObjectPart.html).
     */
    static void writeParts(S3Xml xml, StoredObject object, int marker, int maxParts) throws IOException {
        List<Extent> extents = object.extents();
        Map<String, String> objectChecksums = object.manifest().metadata().checksums();
        List<Extent> page = new ArrayList<>();
        boolean truncated = false;
        for (Extent extent : extents) {
            if (extent.partNumber() <= marker) {
                continue;
            }
            if (page.size() == maxParts) {
                truncated = true;
                break;
            }
            page.add(extent);
        }
        xml.start("ObjectParts")
                .element("PartsCount", extents.size())
                .element("PartNumberMarker", marker)
                .optional("NextPartNumberMarker",
                        page.isEmpty() ? null : Integer.toString(page.get(page.size() - 1).partNumber()))
                .element("MaxParts", maxParts)
                .element("IsTruncated", truncated);
        for (Extent extent : page) {
            xml.start("Part")
                    .element("PartNumber", extent.partNumber())
                    .element("Size", extent.location().lengthBytes());
            Optional<ObjectChecksum> checksum =
                    StoredChecksums.part(objectChecksums, object.checksumsOfPart(extent.partNumber()));
            if (checksum.isPresent()) {
                xml.element(StoredChecksums.elementName(checksum.get().algorithm()), checksum.get().value());
            }
            xml.end();
        }
        xml.end();
    }

    /**
     * The requested attributes, from one or several comma-separated x-amz-object-attributes headers; none, or a name
     * S3 does not know, is InvalidArgument.
     */
    static Set<String> attributes(List<String> headers) {
        Set<String> attributes = new LinkedHashSet<>();
        if (headers != null) {
            for (String header : headers) {
                for (String name : header.split(",")) {
                    String trimmed = name.trim();
                    if (trimmed.isEmpty()) {
                        continue;
                    }
                    String attribute = ATTRIBUTES.get(trimmed.toLowerCase(Locale.ROOT));
                    if (attribute == null) {
                        throw new S3Exception(S3Error.INVALID_ARGUMENT, "Invalid attribute name specified.");
                    }
                    attributes.add(attribute);
                }
            }
        }
        if (attributes.isEmpty()) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT,
                    "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing "
                            + "or empty");
        }
        return attributes;
    }
}
