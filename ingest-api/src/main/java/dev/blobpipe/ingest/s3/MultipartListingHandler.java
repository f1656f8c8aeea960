package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.Catalog;
import dev.blobpipe.catalog.MultipartUpload;
import dev.blobpipe.catalog.PartInfo;
import dev.blobpipe.ingest.s3.MultipartXml.UploadsPage;
import dev.blobpipe.schemas.UploadId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ListParts (part-number-marker pagination) and ListMultipartUploads (key-marker / upload-id-marker pagination, with
 * common prefixes when a delimiter is given): pages of at most 1,000 entries from the catalog.
 */
final class MultipartListingHandler {
    /**
     * Sorts after every key that starts with a given prefix (U+10FFFF is the last code point, and keys are compared
     * as UTF-8 bytes): continuing after {@code prefix + this} skips every upload rolled into that common prefix.
     */
    static final String AFTER_ALL = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final S3Backend backend;
    private final Catalog catalog;
    private final MultipartHandler uploads;
    private final Owner owner;

    MultipartListingHandler(S3Backend backend, MultipartHandler uploads, Owner owner) {
        this.backend = backend;
        this.catalog = backend.catalog();
        this.uploads = uploads;
        this.owner = owner;
    }

    void listParts(S3Call call) throws IOException {
        QueryParams query = call.query();
        var request = new MultipartXml.PartsRequest(
                call.bucket(),
                call.key(),
                MultipartParameters.uploadId(query.get("uploadId")),
                MultipartParameters.partNumberMarker(query.get("part-number-marker")),
                MultipartParameters.maxListed("max-parts", query.get("max-parts")));
        backend.requireBucket(request.bucket());
        MultipartUpload upload = uploads.requireUpload(request.bucket(), request.key(), request.uploadId());
        // one more than asked shows whether the page is the last
        List<PartInfo> parts = new ArrayList<>(
                catalog.parts(request.uploadId(), request.partNumberMarker(), request.maxParts() + 1));
        boolean truncated = parts.size() > request.maxParts();
        if (truncated) {
            parts = parts.subList(0, request.maxParts());
        }
        List<PartInfo> page = parts;
        call.sendXml("ListPartsResult", xml -> MultipartXml.writeParts(xml, request, page, truncated,
                MultipartHandler.checksumAlgorithm(upload), MultipartHandler.checksumType(upload), owner));
    }

    void listUploads(S3Call call) throws IOException {
        QueryParams query = call.query();
        String prefix = query.get("prefix") == null ? "" : query.get("prefix");
        String delimiter = query.get("delimiter") == null || query.get("delimiter").isEmpty()
                ? null : query.get("delimiter");
        String keyMarker = query.get("key-marker") == null || query.get("key-marker").isEmpty()
                ? null : query.get("key-marker");
        String uploadIdMarker = keyMarker == null || query.get("upload-id-marker") == null
                || query.get("upload-id-marker").isEmpty() ? null : query.get("upload-id-marker");
        var request = new MultipartXml.UploadsRequest(call.bucket(), prefix, delimiter, keyMarker, uploadIdMarker,
                MultipartParameters.maxListed("max-uploads", query.get("max-uploads")),
                ListingHandler.urlEncoded(query.get("encoding-type")));
        backend.requireBucket(request.bucket());
        UploadsPage page = page(catalog, request);
        call.sendXml("ListMultipartUploadsResult", xml -> MultipartXml.writeUploads(xml, request, page, owner));
    }

    /**
     * One page of uploads and common prefixes in key order. Uploads whose key, after the prefix, contains the
     * delimiter roll up into one common prefix each; the catalog is then asked to continue after every key of that
     * prefix, so a page costs one catalog call per common prefix at most.
     */
    static UploadsPage page(Catalog catalog, MultipartXml.UploadsRequest request) {
        int max = request.maxUploads();
        List<MultipartUpload> uploads = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String keyMarker = request.keyMarker();
        // an upload-id-marker we could never have issued continues after the whole key, as no marker does
        UploadId idMarker = request.uploadIdMarker() == null ? null : uploadIdOrNull(request.uploadIdMarker());
        if (keyMarker != null && idMarker == null && keyMarker.equals(commonPrefix(request, keyMarker))) {
            keyMarker = keyMarker + AFTER_ALL;   // the marker is a common prefix of an earlier page: skip all of it
        }
        String lastKey = null;
        UploadId lastId = null;
        while (true) {
            List<MultipartUpload> batch = catalog.multipartUploads(request.bucket(), request.prefix(), keyMarker,
                    idMarker, max + 1);
            boolean jumped = false;
            for (MultipartUpload upload : batch) {
                String rolledUp = commonPrefix(request, upload.key());
                if (uploads.size() + prefixes.size() == max) {
                    // one more entry exists: this page is full and truncated
                    return new UploadsPage(uploads, prefixes, true, lastKey, lastId);
                }
                if (rolledUp == null) {
                    uploads.add(upload);
                    lastKey = upload.key();
                    lastId = upload.uploadId();
                } else {
                    prefixes.add(rolledUp);
                    lastKey = rolledUp;
                    lastId = null;
                    keyMarker = rolledUp + AFTER_ALL;
                    idMarker = null;
                    jumped = true;
                    break;
                }
            }
            if (!jumped && batch.size() <= max) {
                return new UploadsPage(uploads, prefixes, false, lastKey, lastId);
            }
            if (!jumped) {
                // batch was max + 1 long and every entry fit: impossible, the loop returns at max entries
                throw new IllegalStateException("page overflow");
            }
        }
    }

    /** The common prefix {@code key} rolls up into, or null when it is listed itself. */
    private static String commonPrefix(MultipartXml.UploadsRequest request, String key) {
        if (request.delimiter() == null || !key.startsWith(request.prefix())) {
            return null;
        }
        int at = key.indexOf(request.delimiter(), request.prefix().length());
        return at < 0 ? null : key.substring(0, at + request.delimiter().length());
    }

    private static UploadId uploadIdOrNull(String text) {
        try {
            return new UploadId(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
