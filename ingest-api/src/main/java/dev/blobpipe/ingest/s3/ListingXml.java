package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.ListedObject;
import dev.blobpipe.catalog.ListPage;
import java.io.IOException;

/**
 * The ListBucketResult documents of ListObjects (v1) and ListObjectsV2. With {@code encoding-type=url} every name
 * element (Key, Prefix, Delimiter, Marker, NextMarker, StartAfter) is URL-encoded, so keys with characters XML 1.0
 * cannot carry still list.
 */
final class ListingXml {
    static final String ROOT = "ListBucketResult";

    private ListingXml() {
    }

    /** What a ListObjectsV2 request asked for, echoed in the response. */
    record V2Request(String bucket, String prefix, String delimiter, int maxKeys, boolean urlEncoded,
            String continuationToken, String startAfter, boolean fetchOwner) {
    }

    /** What a ListObjects (v1) request asked for, echoed in the response. */
    record V1Request(String bucket, String prefix, String delimiter, int maxKeys, boolean urlEncoded, String marker) {
    }

    static void writeV2(S3Xml xml, V2Request request, ListPage page, Owner owner) throws IOException {
        boolean encode = request.urlEncoded();
        xml.element("Name", request.bucket())
                .element("Prefix", name(request.prefix(), encode))
                .optional("Delimiter", name(request.delimiter(), encode))
                .element("MaxKeys", request.maxKeys())
                .optional("EncodingType", encode ? "url" : null)
                .element("KeyCount", page.objects().size() + page.commonPrefixes().size())
                .element("IsTruncated", page.truncated())
                .optional("ContinuationToken", request.continuationToken())
                .optional("NextContinuationToken", page.truncated() && page.lastEntry() != null
                        ? ContinuationToken.encode(page.lastEntry()) : null)
                .optional("StartAfter", name(request.startAfter(), encode));
        writeEntries(xml, page, encode, request.fetchOwner() ? owner : null);
    }

    static void writeV1(S3Xml xml, V1Request request, ListPage page, Owner owner) throws IOException {
        boolean encode = request.urlEncoded();
        xml.element("Name", request.bucket())
                .element("Prefix", name(request.prefix(), encode))
                .element("Marker", name(request.marker() == null ? "" : request.marker(), encode))
                .element("MaxKeys", request.maxKeys())
                .optional("Delimiter", name(request.delimiter(), encode))
                .optional("EncodingType", encode ? "url" : null)
                .element("IsTruncated", page.truncated())
                // S3 sends NextMarker only with a delimiter; we always send it on a truncated page, which spares
                // clients without a delimiter from guessing it from the last key (and common prefixes need it).
                .optional("NextMarker", page.truncated() ? name(page.lastEntry(), encode) : null);
        writeEntries(xml, page, encode, owner);
    }

    private static void writeEntries(S3Xml xml, ListPage page, boolean encode, Owner owner) throws IOException {
        for (ListedObject object : page.objects()) {
            xml.start("Contents")
                    .element("Key", name(object.key(), encode))
                    .element("LastModified", object.lastModified())
                    .element("ETag", object.etag())
                    .element("Size", object.sizeBytes())
                    .element("StorageClass", "STANDARD");
            if (owner != null) {
                BucketXml.writeOwner(xml, owner);
            }
            xml.end();
        }
        for (String prefix : page.commonPrefixes()) {
            xml.start("CommonPrefixes").element("Prefix", name(prefix, encode)).end();
        }
    }

    private static String name(String value, boolean encode) {
        return encode ? PercentEncoding.encodeListingName(value) : value;
    }
}
