package dev.blobpipe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * S3Proxy 2.6.0 on jclouds' filesystem backend, in its own JVM (its Jetty 11 must not meet our Jetty 12), accepting
 * the bench key pair with SigV2 or SigV4, logging warnings only.
 */
final class S3ProxyServer extends JvmBenchServer {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(1);
    /** Seeding files for 10M objects would take most of an hour and ten million inodes: issue 6 asks 1M of it. */
    private static final long MAX_LISTED_OBJECTS = 1_000_000;

    private final Path baseDir;

    private S3ProxyServer(ChildJvm jvm, Path baseDir, int port) {
        super(jvm, port);
        this.baseDir = baseDir;
    }

    static S3ProxyServer start(String classpath, Path workDir, String heap) throws IOException {
        int port = ChildJvm.freePort();
        Path baseDir = Files.createDirectories(workDir.resolve("basedir"));
        Path properties = Files.writeString(workDir.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.identity=" + ACCESS_KEY,
                "jclouds.credential=" + SECRET_KEY,
                "jclouds.filesystem.basedir=" + baseDir, ""));
        // its jar has no logback.xml, and logback's default logs every request at DEBUG
        Path logback = Files.writeString(workDir.resolve("logback.xml"), """
                <configuration>
                  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target><encoder><pattern>%d %-5level %logger{20} %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="STDERR"/></root>
                </configuration>
                """);
        ChildJvm jvm = ChildJvm.start("s3proxy", workDir, heap, List.of("-Dlogback.configurationFile=" + logback,
                "-cp", classpath, "org.gaul.s3proxy.Main", "--properties", properties.toString()));
        try {
            jvm.awaitPort(port, START_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            jvm.close();
            throw e;
        }
        return new S3ProxyServer(jvm, baseDir, port);
    }

    @Override
    public String name() {
        return "s3proxy";
    }

    /** Empty files in the bucket's directory, which is where the filesystem backend keeps a PUT's object. */
    @Override
    public String seedListing(String bucket, long objects) throws IOException {
        Path bucketDir = baseDir.resolve(bucket);
        for (long n = 0; n < objects; n++) {
            Files.createFile(bucketDir.resolve(String.format("k%09d", n)));
        }
        return "empty files created straight in S3Proxy's bucket directory";
    }

    @Override
    public boolean listsAtScale(long objects) {
        return objects <= MAX_LISTED_OBJECTS;
    }
}
