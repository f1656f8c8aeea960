package dev.blobpipe.bench;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/** A server under comparison that runs in a child JVM listening on a local port; closing stops the JVM. */
abstract class JvmBenchServer implements BenchServer {
    private final ChildJvm jvm;
    private final int port;

    JvmBenchServer(ChildJvm jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    @Override
    public final URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The child JVM alone; a server with processes outside that JVM's tree adds them. */
    @Override
    public List<Long> processRoots() throws IOException {
        return List.of(jvm.pid());
    }

    @Override
    public void close() {
        jvm.close();
    }
}
