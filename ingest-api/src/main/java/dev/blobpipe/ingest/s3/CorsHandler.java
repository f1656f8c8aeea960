package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.schemas.CorsRule;
import dev.blobpipe.schemas.ObjectEvent.BucketCorsSet;
import dev.blobpipe.schemas.VersionId;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Put/Get/DeleteBucketCors, the OPTIONS preflight, and the Access-Control-* headers of actual cross-origin requests.
 * A preflight is answered without authentication (browsers send none), from the bucket's rules only; it reveals no
 * more than whether a bucket of that name allows that origin.
 */
final class CorsHandler {
    private static final Logger log = LoggerFactory.getLogger(CorsHandler.class);

    private final S3Backend backend;

    CorsHandler(S3Backend backend) {
        this.backend = backend;
    }

    void put(S3Call call) throws IOException {
        String bucket = call.bucket();
        backend.requireBucket(bucket);
        List<CorsRule> rules = CorsXml.parse(
                RequestDocument.read(call, backend, "CORSConfiguration", CorsXml.MAX_DOCUMENT_BYTES));
        publish(bucket, rules);
        call.status(200);
    }

    void get(S3Call call) throws IOException {
        String bucket = call.bucket();
        backend.requireBucket(bucket);
        List<CorsRule> rules = backend.catalog().corsRules(bucket);
        if (rules.isEmpty()) {
            throw new S3Exception(S3Error.NO_SUCH_CORS_CONFIGURATION);
        }
        call.sendXml("CORSConfiguration", xml -> CorsXml.write(xml, rules));
    }

    /** 204 whether or not the bucket had rules, as S3 answers. */
    void delete(S3Call call) {
        String bucket = call.bucket();
        backend.requireBucket(bucket);
        if (!backend.catalog().corsRules(bucket).isEmpty()) {
            publish(bucket, List.of());
        }
        call.status(204);
    }

    /** OPTIONS: 200 with the allowing rule's headers, else 403 AccessForbidden; no body either way on success. */
    void preflight(S3Call call) {
        String origin = call.header("origin");
        String method = call.header("access-control-request-method");
        if (origin == null || method == null) {
            throw new S3Exception(S3Error.ACCESS_FORBIDDEN, origin == null
                    ? "Insufficient information. Origin request header needed."
                    : "Invalid Access-Control-Request-Method: null");
        }
        String bucket = call.bucket();
        List<CorsRule> rules = BucketName.isValid(bucket) ? backend.catalog().corsRules(bucket) : List.of();
        if (rules.isEmpty()) {
            throw new S3Exception(S3Error.ACCESS_FORBIDDEN, "CORSResponse: CORS is not enabled for this bucket.");
        }
        List<String> headers = CorsRules.requestedHeaders(call.header("access-control-request-headers"));
        CorsRule rule = CorsRules.matchPreflight(rules, origin, method, headers)
                .orElseThrow(() -> new S3Exception(S3Error.ACCESS_FORBIDDEN));
        CorsRules.preflightHeaders(rule, origin, method, headers).forEach(call::responseHeader);
        call.status(200);
        call.responseHeader(HttpHeader.CONTENT_LENGTH, 0);
    }

    /**
     * The Access-Control-* headers for an actual request to {@code bucket} from {@code origin}; empty when no rule
     * allows it (the browser then hides the response from the page, which is the point).
     */
    Map<String, String> actualHeaders(String bucket, String origin, String method) {
        if (bucket == null || !BucketName.isValid(bucket)) {
            return Map.of();
        }
        return CorsRules.matchActual(backend.catalog().corsRules(bucket), origin, method)
                .map(rule -> CorsRules.actualHeaders(rule, origin))
                .orElse(Map.of());
    }

    private void publish(String bucket, List<CorsRule> rules) {
        // CORS rules are last-writer-wins per bucket: a version from the clock sorts after any earlier set here
        VersionId version = backend.versions().next();
        if (backend.events().publishAndAwait(new BucketCorsSet(bucket, version, rules)) == AppliedOutcome.REJECTED) {
            // the bucket was deleted between our check and the indexer
            throw new S3Exception(S3Error.NO_SUCH_BUCKET);
        }
        log.debug("bucket cors set bucket={} rules={} version={}", bucket, rules.size(), version);
    }
}
