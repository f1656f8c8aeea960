package dev.blobpipe.ingest.s3;

import dev.blobpipe.ingest.IngestConfig;
import dev.blobpipe.ingest.admin.AdminQueries;
import dev.blobpipe.ingest.admin.HealthCheck;
import dev.blobpipe.ingest.auth.SignedRequest;
import dev.blobpipe.ingest.auth.VerifiedRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The request pipeline every S3 request goes through: request id (response headers and MDC), bucket and key from
 * the raw path and Host, the route table, the bucket's CORS headers for a cross-origin request, authentication (not
 * for a CORS preflight nor a health probe), the operation's handler, and every failure rendered as an S3 error.
 * Handlers block (streaming bodies in and out), so this is a blocking Jetty handler on its own pool.
 */
public final class S3RequestHandler extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(S3RequestHandler.class);

    /** One operation's code. */
    @FunctionalInterface
    interface OperationHandler {
        void handle(S3Call call) throws Exception;
    }

    private final ResourceParser resources;
    private final S3Backend backend;
    private final Map<Operation, OperationHandler> handlers;
    private final CorsHandler cors;
    private final AdminHandler admin;
    private final HealthHandler health;

    public S3RequestHandler(IngestConfig.Values config, S3Backend backend) {
        this(config, backend, null);
    }

    /** With the {@code /admin/} endpoints answering from {@code adminQueries} (null: they answer 501). */
    public S3RequestHandler(IngestConfig.Values config, S3Backend backend, AdminQueries adminQueries) {
        this(config, backend, adminQueries, List.of());
    }

    /** As above, with {@code /admin/health} asking {@code healthChecks} (none: it answers up while this port does). */
    public S3RequestHandler(IngestConfig.Values config, S3Backend backend, AdminQueries adminQueries,
            List<HealthCheck> healthChecks) {
        super(InvocationType.BLOCKING);
        this.admin = new AdminHandler(adminQueries, backend);
        this.health = new HealthHandler(healthChecks);
        this.resources = new ResourceParser(config.virtualHostDomains());
        this.backend = backend;
        var owner = new Owner(config.ownerId(), config.ownerDisplayName());
        var buckets = new BucketHandler(backend, owner, config.region());
        var acls = new AclHandler(backend, owner);
        var listings = new ListingHandler(backend, owner);
        var reads = new ObjectReadHandler(backend);
        var writes = new ObjectWriteHandler(backend, config.durableAckBuckets());
        var multipart = new MultipartHandler(backend);
        var parts = new PartHandler(backend, multipart);
        var multipartListings = new MultipartListingHandler(backend, multipart, owner);
        var copies = new CopyHandler(backend);
        var deletes = new DeleteObjectsHandler(backend);
        var tagging = new TaggingHandler(backend);
        var attributes = new ObjectAttributesHandler(backend);
        this.cors = new CorsHandler(backend);
        var lifecycle = new LifecycleHandler(backend);
        Map<Operation, OperationHandler> table = new EnumMap<>(Operation.class);
        table.put(Operation.LIST_BUCKETS, buckets::listBuckets);
        table.put(Operation.CREATE_BUCKET, buckets::createBucket);
        table.put(Operation.HEAD_BUCKET, buckets::headBucket);
        table.put(Operation.DELETE_BUCKET, buckets::deleteBucket);
        table.put(Operation.GET_BUCKET_LOCATION, buckets::location);
        table.put(Operation.GET_BUCKET_VERSIONING, buckets::versioning);
        table.put(Operation.GET_BUCKET_ACL, acls::bucketAcl);
        table.put(Operation.GET_OBJECT_ACL, acls::objectAcl);
        table.put(Operation.GET_OBJECT_ATTRIBUTES, attributes::get);
        table.put(Operation.LIST_OBJECTS, listings::listV1);
        table.put(Operation.LIST_OBJECTS_V2, listings::listV2);
        table.put(Operation.GET_OBJECT, reads::get);
        table.put(Operation.HEAD_OBJECT, reads::get);
        table.put(Operation.PUT_OBJECT, writes::put);
        table.put(Operation.DELETE_OBJECT, writes::delete);
        table.put(Operation.CREATE_MULTIPART_UPLOAD, multipart::create);
        table.put(Operation.UPLOAD_PART, parts::uploadPart);
        table.put(Operation.UPLOAD_PART_COPY, parts::uploadPartCopy);
        table.put(Operation.COMPLETE_MULTIPART_UPLOAD, multipart::complete);
        table.put(Operation.ABORT_MULTIPART_UPLOAD, multipart::abort);
        table.put(Operation.LIST_PARTS, multipartListings::listParts);
        table.put(Operation.LIST_MULTIPART_UPLOADS, multipartListings::listUploads);
        table.put(Operation.COPY_OBJECT, copies::copy);
        table.put(Operation.DELETE_OBJECTS, deletes::deleteObjects);
        table.put(Operation.PUT_BUCKET_CORS, cors::put);
        table.put(Operation.GET_BUCKET_CORS, cors::get);
        table.put(Operation.DELETE_BUCKET_CORS, cors::delete);
        table.put(Operation.CORS_PREFLIGHT, cors::preflight);
        table.put(Operation.PUT_BUCKET_LIFECYCLE, lifecycle::put);
        table.put(Operation.GET_BUCKET_LIFECYCLE, lifecycle::get);
        table.put(Operation.DELETE_BUCKET_LIFECYCLE, lifecycle::delete);
        table.put(Operation.PUT_OBJECT_TAGGING, tagging::put);
        table.put(Operation.GET_OBJECT_TAGGING, tagging::get);
        table.put(Operation.DELETE_OBJECT_TAGGING, tagging::delete);
        table.put(Operation.NOT_IMPLEMENTED, call -> {
            throw new S3Exception(S3Error.NOT_IMPLEMENTED);
        });
        table.put(Operation.METHOD_NOT_ALLOWED, call -> {
            throw new S3Exception(S3Error.METHOD_NOT_ALLOWED);
        });
        this.handlers = table;
    }

    /** Every Operation has a handler: checked by the route table test. */
    boolean handles(Operation operation) {
        return handlers.containsKey(operation);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        RequestId requestId = RequestId.next();
        response.getHeaders().put(RequestId.HEADER, requestId.id());
        response.getHeaders().put(RequestId.HOST_HEADER, requestId.hostId());
        String rawPath = request.getHttpURI().getPath();
        Map<String, String> errorHeaders = new LinkedHashMap<>();
        MDC.put(RequestId.MDC_KEY, requestId.id());
        try {
            Operation operation = serve(request, response, rawPath, errorHeaders);
            log.debug("request served method={} path={} operation={} status={}", request.getMethod(), rawPath,
                    operation == null ? "ADMIN" : operation, response.getStatus());
            callback.succeeded();
        } catch (Exception failure) {
            fail(request, response, callback, rawPath, requestId, errorHeaders, failure);
        } finally {
            MDC.remove(RequestId.MDC_KEY);
        }
        return true;
    }

    private Operation serve(Request request, Response response, String rawPath, Map<String, String> errorHeaders)
            throws Exception {
        String method = request.getMethod();
        S3Resource resource = resources.parse(request.getHeaders().get(HttpHeader.HOST), rawPath);
        String rawQuery = request.getHttpURI().getQuery();
        QueryParams query = QueryParams.parse(rawQuery);
        Map<String, List<String>> headers = lowerCaseHeaders(request.getHeaders());
        if (AdminHandler.isAdminPath(resource, rawPath)) {
            // before S3 routing: "admin" is a reserved bucket name, so no S3 request can mean these paths
            if (HealthHandler.isHealthProbe(method, rawPath)) {
                // probes cannot sign: the one admin answer without authentication, and it tells up or down only
                health.handle(new S3Call(request, response, resource, query, headers, null, errorHeaders));
                return null;
            }
            VerifiedRequest verified = backend.authenticator().verify(
                    new SignedRequest(method, rawPath, rawQuery, headers));
            admin.handle(new S3Call(request, response, resource, query, headers, verified, errorHeaders), rawPath);
            return null;
        }
        Operation operation = RouteTable.resolve(method, resource.shape(), query, headers);
        VerifiedRequest verified = null;
        if (operation != Operation.CORS_PREFLIGHT) {
            addCorsHeaders(response, resource, headers, method, errorHeaders);
            // a preflight carries no credentials (browsers never send them on OPTIONS): it is not authenticated
            verified = backend.authenticator().verify(new SignedRequest(method, rawPath, rawQuery, headers));
        }
        var call = new S3Call(request, response, resource, query, headers, verified, errorHeaders);
        handlers.get(operation).handle(call);
        return operation;
    }

    /**
     * A cross-origin request (Origin header) that a rule of its bucket allows gets the Access-Control-* headers, on
     * the success and on the error response alike (else the page could not even read why it failed). Before
     * authentication, so a 403 carries them too.
     */
    private void addCorsHeaders(Response response, S3Resource resource, Map<String, List<String>> headers,
            String method, Map<String, String> errorHeaders) {
        List<String> origin = headers.get("origin");
        if (origin == null || origin.isEmpty() || resource.bucket() == null) {
            return;
        }
        Map<String, String> allowed = cors.actualHeaders(resource.bucket(), origin.get(0), method);
        allowed.forEach((name, value) -> response.getHeaders().put(name, value));
        errorHeaders.putAll(allowed);
    }

    private static void fail(Request request, Response response, Callback callback, String rawPath,
            RequestId requestId, Map<String, String> errorHeaders, Exception failure) {
        restoreInterrupt(failure);
        if (response.isCommitted()) {
            // the status line is out: all that is left is to cut the connection so the client sees a broken body
            log.warn("request failed after the response began, aborting it method={} path={} error={}",
                    request.getMethod(), rawPath, failure.toString());
            callback.failed(failure);
            return;
        }
        S3ErrorMapping.Mapped mapped = S3ErrorMapping.map(failure);
        if (mapped.error() == S3Error.INTERNAL_ERROR) {
            log.error("request failed method={} path={}", request.getMethod(), rawPath, failure);
        } else if (mapped.isServerFault()) {
            log.warn("request refused method={} path={} code={} cause={}", request.getMethod(), rawPath,
                    mapped.error().code(), failure.toString());
        } else {
            log.debug("request refused method={} path={} code={} message={}", request.getMethod(), rawPath,
                    mapped.error().code(), mapped.message());
        }
        S3ErrorResponse.send(response, callback, "HEAD".equals(request.getMethod()), mapped.error(),
                mapped.message(), rawPath, requestId, errorHeaders);
    }

    private static void restoreInterrupt(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Headers by lower-case name, values in arrival order: what the verifier and the handlers read. */
    static Map<String, List<String>> lowerCaseHeaders(HttpFields fields) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : fields) {
            headers.computeIfAbsent(field.getLowerCaseName(), name -> new ArrayList<>(1)).add(field.getValue());
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        return headers;
    }
}
