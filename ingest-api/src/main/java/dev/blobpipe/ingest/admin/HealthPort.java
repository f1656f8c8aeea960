package dev.blobpipe.ingest.admin;

import dev.blobpipe.ingest.http.RunningJetty;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A separate HTTP port answering only {@code GET}/{@code HEAD /admin/health} with the same {@link HealthReport} as the
 * S3 port, so that a process without ingest-api (e.g. {@code serve --roles=catalog,archiver}) can be probed. Any
 * other path answers 404 and another method on the path 405, both with an empty body. Unauthenticated like the S3
 * port's probe, on a tiny thread pool of its own so a stuck S3 API cannot starve it. Closing it may be called twice.
 */
public final class HealthPort implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthPort.class);

    /** One acceptor, one selector and two threads to answer: a probe's answer is a few hundred bytes, at once. */
    static final int THREADS = 4;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    // nothing here runs long: a stop waits for answers already being written, briefly
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    private final RunningJetty jetty;

    private HealthPort(RunningJetty jetty) {
        this.jetty = jetty;
    }

    /** Starts listening on {@code host:port} (0: a free port), answering from {@code checks}. */
    public static HealthPort start(String host, int port, List<HealthCheck> checks) throws IOException {
        Objects.requireNonNull(host, "host");
        var threads = new QueuedThreadPool(THREADS, 2);
        threads.setReservedThreads(0);
        threads.setName("health-http");

        var server = new Server(threads);
        var http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        // one acceptor and one selector whatever the core count: Jetty's defaults grow with the cores, past THREADS
        var connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        server.setHandler(new ProbeHandler(checks));
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        var running = new HealthPort(RunningJetty.start("the health port", server, connector));
        log.info("health port started endpoint={} components={}", running.endpoint(), checks.size());
        return running;
    }

    /** The port listened on (the chosen one when started with 0). */
    public int port() {
        return jetty.port();
    }

    /** {@code http://host:port} of this port, for probes and logs. */
    public URI endpoint() {
        return jetty.endpoint();
    }

    @Override
    public void close() {
        jetty.close();
    }

    /** Answers the probe, 404 or 405; blocking writes of a body of a few hundred bytes. */
    private static final class ProbeHandler extends Handler.Abstract {
        private final List<HealthCheck> checks;

        ProbeHandler(List<HealthCheck> checks) {
            super(InvocationType.BLOCKING);
            this.checks = List.copyOf(checks);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String method = request.getMethod();
            String rawPath = request.getHttpURI().getPath();
            try {
                if (HealthReport.isProbe(method, rawPath)) {
                    answer(response, "HEAD".equals(method));
                } else {
                    boolean knownPath = HealthReport.PATH.equals(rawPath);
                    response.setStatus(knownPath ? 405 : 404);
                    if (knownPath) {
                        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                    }
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
                }
                callback.succeeded();
            } catch (IOException | RuntimeException e) {
                log.warn("health probe failed method={} path={} error={}", method, rawPath, e.toString());
                callback.failed(e);
            }
            return true;
        }

        private void answer(Response response, boolean head) throws IOException {
            HealthReport report = HealthReport.of(checks);
            response.setStatus(report.httpStatus());
            report.headers().forEach((name, value) -> response.getHeaders().put(name, value));
            if (head) {
                return;
            }
            try (OutputStream body = Content.Sink.asOutputStream(response)) {
                report.writeJson(body);
            }
        }
    }
}
