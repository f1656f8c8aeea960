package dev.blobpipe.ingest.http;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started Jetty server with one connector: its port and address, and a stop that may be called twice. The one
 * place the S3 API and the health port start and stop their servers alike.
 */
public final class RunningJetty implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunningJetty.class);

    private final String name;
    private final Server server;
    private final ServerConnector connector;
    private boolean closed;

    private RunningJetty(String name, Server server, ServerConnector connector) {
        this.name = name;
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts {@code server}, whose one connector is {@code connector}; a failed start stops what did start and is
     * reported as an IOException naming {@code name} (e.g. "the S3 API") and the address.
     */
    public static RunningJetty start(String name, Server server, ServerConnector connector) throws IOException {
        Objects.requireNonNull(name, "name");
        server.setStopAtShutdown(false);   // cli closes components in order; a JVM hook would race it
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception stopFailure) {
                // the start already failed and is being reported; a failing stop adds nothing to act on
                e.addSuppressed(stopFailure);
            }
            throw new IOException("cannot start " + name + " on " + connector.getHost() + ":" + connector.getPort(),
                    e);
        }
        return new RunningJetty(name, server, connector);
    }

    /** The port listened on (the chosen one when configured with 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://host:port}, for clients and logs; a wildcard host is given as 127.0.0.1. */
    public URI endpoint() {
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0")
                ? "127.0.0.1" : connector.getHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /** Stops the server (within its stop timeout); a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stop();
            log.info("{} stopped", name);
        } catch (Exception e) {
            // stop() failing leaves nothing for the caller to do: the threads are gone or going either way
            log.warn("{} did not stop cleanly error={}", name, e.toString());
        }
    }
}
