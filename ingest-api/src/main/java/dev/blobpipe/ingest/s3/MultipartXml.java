package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.MultipartUpload;
import dev.blobpipe.catalog.PartInfo;
import dev.blobpipe.ingest.upload.StoredChecksums;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.UploadId;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The response documents of the multipart operations: InitiateMultipartUploadResult, CompleteMultipartUploadResult,
 * CopyPartResult, ListPartsResult and ListMultipartUploadsResult
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html and its siblings).
 */
final class MultipartXml {
    private MultipartXml() {
    }

    /** What a ListParts request asked for, echoed in the response. */
    record PartsRequest(String bucket, String key, UploadId uploadId, int partNumberMarker, int maxParts) {
    }

    /** What a ListMultipartUploads request asked for, echoed in the response. */
    record UploadsRequest(String bucket, String prefix, String delimiter, String keyMarker, String uploadIdMarker,
            int maxUploads, boolean urlEncoded) {
    }

    /** One page of ListMultipartUploads: uploads and common prefixes, and where the next page starts. */
    record UploadsPage(List<MultipartUpload> uploads, List<String> commonPrefixes, boolean truncated,
            String nextKeyMarker, UploadId nextUploadIdMarker) {
    }

    static void writeInitiate(S3Xml xml, String bucket, String key, UploadId uploadId) throws IOException {
        xml.element("Bucket", bucket).element("Key", key).element("UploadId", uploadId.value());
    }

    static void writeComplete(S3Xml xml, String location, ObjectManifest manifest) throws IOException {
        xml.element("Location", location)
                .element("Bucket", manifest.bucket())
                .element("Key", manifest.key())
                .element("ETag", manifest.etag());
        writeElements(xml, StoredChecksums.elements(manifest.metadata().checksums()));
    }

    static void writeCopyPart(S3Xml xml, ObjectManifest part) throws IOException {
        xml.element("LastModified", part.lastModified()).element("ETag", part.etag());
        writeChecksums(xml, part.metadata().checksums());
    }

    static void writeParts(S3Xml xml, PartsRequest request, List<PartInfo> parts, boolean truncated,
            String checksumAlgorithm, String checksumType, Owner owner) throws IOException {
        xml.element("Bucket", request.bucket())
                .element("Key", request.key())
                .element("UploadId", request.uploadId().value())
                .element("PartNumberMarker", request.partNumberMarker())
                .optional("NextPartNumberMarker",
                        parts.isEmpty() ? null : Integer.toString(parts.get(parts.size() - 1).partNumber()))
                .element("MaxParts", request.maxParts())
                .element("IsTruncated", truncated);
        for (PartInfo part : parts) {
            ObjectManifest manifest = part.manifest();
            xml.start("Part")
                    .element("PartNumber", part.partNumber())
                    .element("LastModified", manifest.lastModified())
                    .element("ETag", manifest.etag())
                    .element("Size", manifest.sizeBytes());
            writeChecksums(xml, manifest.metadata().checksums());
            xml.end();
        }
        writePerson(xml, "Initiator", owner);
        BucketXml.writeOwner(xml, owner);
        xml.element("StorageClass", "STANDARD").optional("ChecksumAlgorithm", checksumAlgorithm)
                .optional("ChecksumType", checksumType);
    }

    static void writeUploads(S3Xml xml, UploadsRequest request, UploadsPage page, Owner owner) throws IOException {
        boolean encode = request.urlEncoded();
        xml.element("Bucket", request.bucket())
                .element("KeyMarker", name(request.keyMarker() == null ? "" : request.keyMarker(), encode))
                .element("UploadIdMarker", request.uploadIdMarker() == null ? "" : request.uploadIdMarker())
                .optional("NextKeyMarker", page.truncated() ? name(page.nextKeyMarker(), encode) : null)
                .optional("NextUploadIdMarker", page.truncated() && page.nextUploadIdMarker() != null
                        ? page.nextUploadIdMarker().value() : null)
                .optional("Delimiter", name(request.delimiter(), encode))
                .element("Prefix", name(request.prefix(), encode))
                .element("MaxUploads", request.maxUploads())
                .optional("EncodingType", encode ? "url" : null)
                .element("IsTruncated", page.truncated());
        for (MultipartUpload upload : page.uploads()) {
            xml.start("Upload")
                    .element("Key", name(upload.key(), encode))
                    .element("UploadId", upload.uploadId().value());
            writePerson(xml, "Initiator", owner);
            BucketXml.writeOwner(xml, owner);
            xml.element("StorageClass", "STANDARD")
                    .element("Initiated", upload.initiatedAt())
                    .optional("ChecksumAlgorithm", MultipartHandler.checksumAlgorithm(upload))
                    .optional("ChecksumType", MultipartHandler.checksumType(upload))
                    .end();
        }
        for (String prefix : page.commonPrefixes()) {
            xml.start("CommonPrefixes").element("Prefix", name(prefix, encode)).end();
        }
    }

    /** The checksum a part was stored with, as ChecksumCRC32 etc. (a part has no ChecksumType element). */
    static void writeChecksums(S3Xml xml, Map<String, String> checksums) throws IOException {
        var checksum = StoredChecksums.object(checksums);
        if (checksum.isPresent()) {
            xml.element(StoredChecksums.elementName(checksum.get().algorithm()), checksum.get().value());
        }
    }

    /** Elements in the map's order. */
    static void writeElements(S3Xml xml, Map<String, String> elements) throws IOException {
        for (Map.Entry<String, String> element : elements.entrySet()) {
            xml.element(element.getKey(), element.getValue());
        }
    }

    private static void writePerson(S3Xml xml, String element, Owner owner) throws IOException {
        xml.start(element).element("ID", owner.id()).element("DisplayName", owner.displayName()).end();
    }

    private static String name(String value, boolean encode) {
        return encode ? PercentEncoding.encodeListingName(value) : value;
    }
}
