package dev.blobpipe.ingest.s3;

import dev.blobpipe.blobstore.BlobStore;
import dev.blobpipe.catalog.Catalog;
import dev.blobpipe.ingest.IngestConfig;
import dev.blobpipe.ingest.admin.AdminQueries;
import dev.blobpipe.ingest.admin.HealthCheck;
import dev.blobpipe.ingest.auth.SigV4Verifier;
import dev.blobpipe.ingest.http.RunningJetty;
import dev.blobpipe.ingest.upload.EventPublisher;
import dev.blobpipe.ingest.upload.ObjectUploader;
import dev.blobpipe.schemas.VersionClock;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http.UriCompliance.Violation;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running S3 API: a Jetty server (core handlers, no servlets) on its own bounded thread pool, serving every
 * request through {@link S3RequestHandler}. Closing it stops accepting, lets requests in flight finish up to
 * ingest.shutdown.timeout, and may be called twice.
 */
public final class S3Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(S3Server.class);

    /**
     * The URI rules we waive. S3 keys may contain empty segments ({@code a//b}), encoded slashes ({@code a%2Fb}),
     * dot segments, '%' itself ({@code %2525}), ';' and characters RFC 3986 wants encoded; Jetty's default
     * (RFC3986) answers all of these 400. We read only the raw path and decode it ourselves, strictly, so waiving
     * Jetty's checks hides nothing: bad escapes and invalid UTF-8 are still refused, as InvalidURI, by
     * PercentEncoding. Not waived: user info and fragments, which an S3 request never carries.
     */
    static final UriCompliance S3_URI_COMPLIANCE = UriCompliance.from(EnumSet.of(
            Violation.AMBIGUOUS_PATH_SEGMENT,
            Violation.AMBIGUOUS_EMPTY_SEGMENT,
            Violation.AMBIGUOUS_PATH_SEPARATOR,
            Violation.AMBIGUOUS_PATH_PARAMETER,
            Violation.AMBIGUOUS_PATH_ENCODING,
            Violation.UTF16_ENCODINGS,
            Violation.BAD_UTF8_ENCODING,
            Violation.TRUNCATED_UTF8_ENCODING,
            Violation.BAD_PERCENT_ENCODING,
            Violation.SUSPICIOUS_PATH_CHARACTERS,
            Violation.ILLEGAL_PATH_CHARACTERS));

    /** Room for S3's 8 KiB of request headers (2 KiB of it user metadata), signatures and proxies' additions. */
    static final int REQUEST_HEADER_BYTES = 64 << 10;
    static final int RESPONSE_HEADER_BYTES = 16 << 10;

    private final RunningJetty jetty;

    private S3Server(RunningJetty jetty) {
        this.jetty = jetty;
    }

    /** Starts the S3 API with the production collaborators; cli wires these. */
    public static S3Server start(IngestConfig.Values config, Catalog catalog, BlobStore blobs, SigV4Verifier verifier,
            ObjectUploader uploader, EventPublisher events, VersionClock versions, Clock clock) throws IOException {
        return start(config, S3Backend.of(catalog, blobs, verifier, uploader, events, versions, clock));
    }

    /**
     * Starts the S3 API and its {@code /admin/} endpoints with the production collaborators, {@code /admin/health}
     * asking {@code health} (one check per role of this process); cli wires these.
     */
    public static S3Server start(IngestConfig.Values config, Catalog catalog, BlobStore blobs, SigV4Verifier verifier,
            ObjectUploader uploader, EventPublisher events, VersionClock versions, Clock clock, AdminQueries admin,
            List<HealthCheck> health) throws IOException {
        return start(config, S3Backend.of(catalog, blobs, verifier, uploader, events, versions, clock), admin,
                health);
    }

    /** Starts the S3 API in front of {@code backend}, without the admin endpoints (they answer 501). */
    public static S3Server start(IngestConfig.Values config, S3Backend backend) throws IOException {
        return start(config, backend, null);
    }

    /** Starts the S3 API in front of {@code backend}; {@code admin} null leaves the admin endpoints off. */
    public static S3Server start(IngestConfig.Values config, S3Backend backend, AdminQueries admin)
            throws IOException {
        return start(config, backend, admin, List.of());
    }

    /** As above, with {@code /admin/health} asking {@code health} (answered even when {@code admin} is null). */
    public static S3Server start(IngestConfig.Values config, S3Backend backend, AdminQueries admin,
            List<HealthCheck> health) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(backend, "backend");
        int maxThreads = config.httpThreads();
        // The job queue stays Jetty's default (growable): it also carries Jetty's own I/O tasks, and Jetty warns that
        // bounding it can stall the selectors. Work is bounded by the threads: each request holds one while it
        // streams, and connections beyond that wait in the accept queue (back-pressure on clients).
        var threads = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
        threads.setName("ingest-http");

        var server = new Server(threads);
        var http = new HttpConfiguration();
        http.setUriCompliance(S3_URI_COMPLIANCE);
        // SigV4 signs header values byte for byte: Jetty's header cache would otherwise hand us its cached spelling
        // (e.g. "charset=utf-8" for a signed "charset=UTF-8") and every such request would fail its signature
        http.setHeaderCacheCaseSensitive(true);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setSendDateHeader(true);
        http.setRequestHeaderSize(REQUEST_HEADER_BYTES);
        http.setResponseHeaderSize(RESPONSE_HEADER_BYTES);
        http.setIdleTimeout(config.idleTimeout().toMillis());

        var connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        server.addConnector(connector);

        server.setHandler(new GracefulHandler(new S3RequestHandler(config, backend, admin, health)));
        server.setErrorHandler(new S3JettyErrorHandler());
        server.setStopTimeout(config.shutdownTimeout().toMillis());
        var running = new S3Server(RunningJetty.start("the S3 API", server, connector));
        log.info("S3 API started endpoint={} threads={} virtualHostDomains={} region={}", running.endpoint(),
                maxThreads, config.virtualHostDomains(), config.region());
        return running;
    }

    /** The port listened on (the chosen one when configured with 0). */
    public int port() {
        return jetty.port();
    }

    /** {@code http://host:port} of this server, for clients and logs. */
    public URI endpoint() {
        return jetty.endpoint();
    }

    @Override
    public void close() {
        jetty.close();
    }
}
