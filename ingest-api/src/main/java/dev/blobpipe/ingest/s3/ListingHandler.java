package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.ListPage;
import dev.blobpipe.catalog.ListRequest;
import java.io.IOException;

/** ListObjects (v1, marker) and ListObjectsV2 (continuation token): pages of at most 1,000 entries from the catalog. */
final class ListingHandler {
    static final int MAX_KEYS = 1000;

    private final S3Backend backend;
    private final Owner owner;

    ListingHandler(S3Backend backend, Owner owner) {
        this.backend = backend;
        this.owner = owner;
    }

    void listV2(S3Call call) throws IOException {
        QueryParams query = call.query();
        if (!"2".equals(query.get("list-type"))) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "Invalid list-type: " + query.get("list-type"));
        }
        var request = new ListingXml.V2Request(
                call.bucket(),
                query.get("prefix"),
                query.get("delimiter"),
                maxKeys(query.get("max-keys")),
                urlEncoded(query.get("encoding-type")),
                query.get("continuation-token"),
                query.get("start-after"),
                "true".equalsIgnoreCase(query.get("fetch-owner")));
        // the token wins over start-after: it already lies after it
        String after = request.continuationToken() != null
                ? ContinuationToken.decode(request.continuationToken())
                : request.startAfter();
        backend.requireBucket(request.bucket());
        ListPage page = backend.catalog().list(new ListRequest(
                request.bucket(), request.prefix(), request.delimiter(), after, request.maxKeys()));
        call.sendXml(ListingXml.ROOT, xml -> ListingXml.writeV2(xml, request, page, owner));
    }

    void listV1(S3Call call) throws IOException {
        QueryParams query = call.query();
        var request = new ListingXml.V1Request(
                call.bucket(),
                query.get("prefix"),
                query.get("delimiter"),
                maxKeys(query.get("max-keys")),
                urlEncoded(query.get("encoding-type")),
                query.get("marker"));
        backend.requireBucket(request.bucket());
        String after = request.marker() == null || request.marker().isEmpty() ? null : request.marker();
        ListPage page = backend.catalog().list(new ListRequest(
                request.bucket(), request.prefix(), request.delimiter(), after, request.maxKeys()));
        call.sendXml(ListingXml.ROOT, xml -> ListingXml.writeV1(xml, request, page, owner));
    }

    /** max-keys: default and ceiling 1,000 as in S3; not a non-negative integer is InvalidArgument. */
    static int maxKeys(String text) {
        if (text == null) {
            return MAX_KEYS;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0) {
                return Math.min(value, MAX_KEYS);
            }
        } catch (NumberFormatException e) {
            // answered below like a negative value
        }
        throw new S3Exception(S3Error.INVALID_ARGUMENT, "Provided max-keys not an integer or within integer range");
    }

    /** encoding-type: absent, or "url"; S3 refuses any other value. */
    static boolean urlEncoded(String encodingType) {
        if (encodingType == null) {
            return false;
        }
        if ("url".equalsIgnoreCase(encodingType)) {
            return true;
        }
        throw new S3Exception(S3Error.INVALID_ARGUMENT, "Invalid Encoding Method specified in Request");
    }
}
