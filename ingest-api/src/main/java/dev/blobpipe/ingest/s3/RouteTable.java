package dev.blobpipe.ingest.s3;

import dev.blobpipe.ingest.s3.S3Resource.Shape;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The routing table: (method, shape, selector) to operation, first match wins. A selector is the request's
 * subresources ({@code ?acl}; several in a fixed order joined by '&amp;': {@code partNumber&uploadId}), a header
 * ({@code x-amz-copy-source}), both, or nothing. Unknown query parameters (x-id, response-*, listing parameters) are
 * not subresources and are ignored, as S3 does; a known subresource, or a combination of them, without a route here is
 * an S3 operation we do not implement, so NotImplemented rather than something else by accident (GET ?partNumber
 * &amp;versionId is not quietly served as GET ?partNumber).
 */
final class RouteTable {

    /** What beyond method and shape a route requires. */
    record Selector(String subresource, String header) {
        static final Selector NONE = new Selector(null, null);
        /** Any subresources or none (a CORS preflight is answered the same for every subresource). */
        static final Selector ANY = new Selector(ANY_SUBRESOURCE, null);

        static Selector query(String name) {
            return new Selector(name, null);
        }

        static Selector header(String lowerCaseName) {
            return new Selector(null, lowerCaseName);
        }

        static Selector queryAndHeader(String name, String lowerCaseName) {
            return new Selector(name, lowerCaseName);
        }

        boolean matches(String requestSubresource, Map<String, ?> headers) {
            boolean subresourceMatches = ANY_SUBRESOURCE.equals(subresource)
                    || (subresource == null ? requestSubresource == null : subresource.equals(requestSubresource));
            return subresourceMatches && (header == null || headers.containsKey(header));
        }
    }

    /** One row of the table. */
    record Route(String method, Shape shape, Selector selector, Operation operation) {
    }

    /** OPTIONS is a CORS preflight, which browsers send unauthenticated before a cross-origin request. */
    static final Set<String> METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS");

    private static final String ANY_SUBRESOURCE = "*";

    /**
     * Query parameters that select an S3 subresource or another operation on the same path
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html).
     */
    static final Set<String> SUBRESOURCES = Set.of(
            "accelerate", "acl", "analytics", "attributes", "cors", "delete", "encryption", "intelligent-tiering",
            "inventory", "legal-hold", "lifecycle", "list-type", "location", "logging", "metadataConfiguration",
            "metadataTable", "metrics", "notification", "object-lock", "ownershipControls", "partNumber", "policy",
            "policyStatus", "publicAccessBlock", "renameObject", "replication", "requestPayment", "restore",
            "retention", "select", "session", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning",
            "versions", "website");

    /** How an UploadPart names its part: both subresources, in the order {@link #subresource} joins them. */
    static final String PART = "partNumber&uploadId";

    static final List<Route> ROUTES = List.of(
            new Route("GET", Shape.SERVICE, Selector.NONE, Operation.LIST_BUCKETS),

            new Route("GET", Shape.BUCKET, Selector.query("location"), Operation.GET_BUCKET_LOCATION),
            new Route("GET", Shape.BUCKET, Selector.query("versioning"), Operation.GET_BUCKET_VERSIONING),
            new Route("GET", Shape.BUCKET, Selector.query("acl"), Operation.GET_BUCKET_ACL),
            new Route("GET", Shape.BUCKET, Selector.query("list-type"), Operation.LIST_OBJECTS_V2),
            new Route("GET", Shape.BUCKET, Selector.query("uploads"), Operation.LIST_MULTIPART_UPLOADS),
            new Route("GET", Shape.BUCKET, Selector.query("cors"), Operation.GET_BUCKET_CORS),
            new Route("PUT", Shape.BUCKET, Selector.query("cors"), Operation.PUT_BUCKET_CORS),
            new Route("DELETE", Shape.BUCKET, Selector.query("cors"), Operation.DELETE_BUCKET_CORS),
            new Route("GET", Shape.BUCKET, Selector.query("lifecycle"), Operation.GET_BUCKET_LIFECYCLE),
            new Route("PUT", Shape.BUCKET, Selector.query("lifecycle"), Operation.PUT_BUCKET_LIFECYCLE),
            new Route("DELETE", Shape.BUCKET, Selector.query("lifecycle"), Operation.DELETE_BUCKET_LIFECYCLE),
            new Route("POST", Shape.BUCKET, Selector.query("delete"), Operation.DELETE_OBJECTS),
            new Route("OPTIONS", Shape.BUCKET, Selector.ANY, Operation.CORS_PREFLIGHT),
            new Route("GET", Shape.BUCKET, Selector.NONE, Operation.LIST_OBJECTS),
            new Route("PUT", Shape.BUCKET, Selector.NONE, Operation.CREATE_BUCKET),
            new Route("HEAD", Shape.BUCKET, Selector.NONE, Operation.HEAD_BUCKET),
            new Route("DELETE", Shape.BUCKET, Selector.NONE, Operation.DELETE_BUCKET),
            // browser-form upload (PostObject)
            new Route("POST", Shape.BUCKET, Selector.NONE, Operation.NOT_IMPLEMENTED),

            new Route("GET", Shape.OBJECT, Selector.query("acl"), Operation.GET_OBJECT_ACL),
            new Route("GET", Shape.OBJECT, Selector.query("tagging"), Operation.GET_OBJECT_TAGGING),
            new Route("GET", Shape.OBJECT, Selector.query("attributes"), Operation.GET_OBJECT_ATTRIBUTES),
            new Route("PUT", Shape.OBJECT, Selector.query("tagging"), Operation.PUT_OBJECT_TAGGING),
            new Route("DELETE", Shape.OBJECT, Selector.query("tagging"), Operation.DELETE_OBJECT_TAGGING),
            new Route("OPTIONS", Shape.OBJECT, Selector.ANY, Operation.CORS_PREFLIGHT),
            new Route("POST", Shape.OBJECT, Selector.query("uploads"), Operation.CREATE_MULTIPART_UPLOAD),
            new Route("PUT", Shape.OBJECT, Selector.queryAndHeader(PART, "x-amz-copy-source"),
                    Operation.UPLOAD_PART_COPY),
            new Route("PUT", Shape.OBJECT, Selector.query(PART), Operation.UPLOAD_PART),
            new Route("POST", Shape.OBJECT, Selector.query("uploadId"), Operation.COMPLETE_MULTIPART_UPLOAD),
            new Route("DELETE", Shape.OBJECT, Selector.query("uploadId"), Operation.ABORT_MULTIPART_UPLOAD),
            new Route("GET", Shape.OBJECT, Selector.query("uploadId"), Operation.LIST_PARTS),
            new Route("GET", Shape.OBJECT, Selector.query("partNumber"), Operation.GET_OBJECT),
            new Route("HEAD", Shape.OBJECT, Selector.query("partNumber"), Operation.HEAD_OBJECT),
            new Route("PUT", Shape.OBJECT, Selector.header("x-amz-copy-source"), Operation.COPY_OBJECT),
            new Route("GET", Shape.OBJECT, Selector.NONE, Operation.GET_OBJECT),
            new Route("HEAD", Shape.OBJECT, Selector.NONE, Operation.HEAD_OBJECT),
            new Route("PUT", Shape.OBJECT, Selector.NONE, Operation.PUT_OBJECT),
            new Route("DELETE", Shape.OBJECT, Selector.NONE, Operation.DELETE_OBJECT));

    private RouteTable() {
    }

    /**
     * The request's subresources, sorted by name (case-sensitive) and joined with '&amp;' so that the order in the
     * query does not matter; null when there is none.
     */
    static String subresource(QueryParams query) {
        TreeSet<String> present = new TreeSet<>();
        for (String name : query.names()) {
            if (SUBRESOURCES.contains(name)) {
                present.add(name);
            }
        }
        return present.isEmpty() ? null : String.join("&", present);
    }

    /**
     * The operation of a request. {@code headers} are keyed by lower-case name. Never null: requests no route takes
     * resolve to NOT_IMPLEMENTED (a known subresource) or METHOD_NOT_ALLOWED.
     */
    static Operation resolve(String method, Shape shape, QueryParams query, Map<String, ?> headers) {
        if (!METHODS.contains(method)) {
            return Operation.METHOD_NOT_ALLOWED;
        }
        String subresource = subresource(query);
        for (Route route : ROUTES) {
            if (route.method().equals(method) && route.shape() == shape
                    && route.selector().matches(subresource, headers)) {
                return route.operation();
            }
        }
        return subresource != null ? Operation.NOT_IMPLEMENTED : Operation.METHOD_NOT_ALLOWED;
    }
}
