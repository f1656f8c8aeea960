package dev.blobpipe.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@link NullS3Server} in its own JVM: what the client manages against a server that does no work. */
final class NullServer implements BenchServer {
    private final ChildJvm jvm;
    private final int port;

    private NullServer(ChildJvm jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    static NullServer start(String classpath, Path workDir, String heap) throws IOException {
        int port = ChildJvm.freePort();
        ChildJvm jvm = ChildJvm.start("null", workDir, List.of(heap, "-cp", classpath,
                NullS3Server.class.getName(), Integer.toString(port)));
        try {
            jvm.awaitPort(port, Duration.ofSeconds(30));
        } catch (IOException | RuntimeException e) {
            jvm.close();
            throw e;
        }
        return new NullServer(jvm, port);
    }

    @Override
    public String name() {
        return "null";
    }

    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public List<Long> processRoots() {
        return List.of(jvm.pid());
    }

    @Override
    public String seedListing(String bucket, long objects) {
        return "no seeding: the null server makes up every page";
    }

    @Override
    public void close() {
        jvm.close();
    }
}
