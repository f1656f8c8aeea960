package dev.blobpipe.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@link NullS3Server} in its own JVM: what the client manages against a server that does no work. */
final class NullServer extends JvmBenchServer {
    private NullServer(ChildJvm jvm, int port) {
        super(jvm, port);
    }

    static NullServer start(String classpath, Path workDir, String heap) throws IOException {
        int port = ChildJvm.freePort();
        ChildJvm jvm = ChildJvm.start("null", workDir, heap, List.of("-cp", classpath,
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
    public String seedListing(String bucket, long objects) {
        return "no seeding: the null server makes up every page";
    }
}
