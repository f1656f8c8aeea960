package dev.blobpipe.cli.testing;

import dev.blobpipe.cli.DevSystem;
import dev.blobpipe.embedded.testing.TempDirs;
import dev.blobpipe.schemas.config.ConfigValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One running {@code blobpipe dev} system per test JVM (in-process broker, embedded PostgreSQL, filesystem store in a
 * temporary directory), and AWS SDK v2 clients for it with their default settings except the endpoint. Tests share
 * the system but never state: each takes its own bucket from {@link #uniqueBucket}.
 */
public final class BlobpipeFixture {
    public static final String ACCESS_KEY = "BLOBPIPETESTKEY00001";
    public static final String SECRET_KEY = "blobpipe-test-secret-key-0000000000000000";
    /** The one bucket whose PUTs answer durable by default ({@code ingest.ack.durable.buckets}); tests create it. */
    public static final String DURABLE_ACK_BUCKET = "durable-ack-by-default";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static BlobpipeFixture shared;

    private final DevSystem system;
    private final Path dataDir;
    private S3Client sharedClient;

    private BlobpipeFixture(DevSystem system, Path dataDir) {
        this.system = system;
        this.dataDir = dataDir;
    }

    /** The system, started on first use and stopped when the test JVM exits. */
    public static synchronized BlobpipeFixture shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("blobpipe-test-");
                var settings = new ConfigValues(Map.of("ingest.port", "0",
                        "ingest.ack.durable.buckets", DURABLE_ACK_BUCKET));
                DevSystem system = DevSystem.start(dir, ACCESS_KEY, SECRET_KEY, settings);
                shared = new BlobpipeFixture(system, dir);
                BlobpipeFixture fixture = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    fixture.closeSharedClient();
                    system.close();
                    // a test JVM leaves gigabytes of Kafka segments and blobs otherwise
                    TempDirs.deleteQuietly(dir);
                }, "blobpipe-test-shutdown"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public URI endpoint() {
        return system.endpoint();
    }

    public Path dataDir() {
        return dataDir;
    }

    public DevSystem system() {
        return system;
    }

    /**
     * One {@link #client()} for every test class that needs nothing else (the SDK client is thread-safe), closed when
     * the test JVM exits, so test classes need no set-up or tear-down of their own for it.
     */
    public synchronized S3Client sharedClient() {
        if (sharedClient == null) {
            sharedClient = client();
        }
        return sharedClient;
    }

    private synchronized void closeSharedClient() {
        if (sharedClient != null) {
            sharedClient.close();
        }
    }

    /** A client with the SDK's defaults (checksums on, aws-chunked bodies), path-style addressing. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(ACCESS_KEY, SECRET_KEY))
                .forcePathStyle(true)
                .build();
    }

    /** A client with the SDK's defaults, virtual-host addressing: bucket.localhost resolves to the loopback. */
    public S3Client virtualHostClient() {
        return S3Client.builder()
                .endpointOverride(URI.create("http://localhost:" + endpoint().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(ACCESS_KEY, SECRET_KEY))
                .httpClientBuilder(Apache5HttpClient.builder().dnsResolver(new LoopbackForLocalhost()))
                .build();
    }

    /** Raw requests signed with the fixture's credentials. */
    public SignedHttp signedHttp() {
        return SignedHttp.forFixture(this);
    }

    /** A client signing with the given key pair (for refused-credential tests). */
    public S3Client clientWith(String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(accessKey, secretKey))
                .forcePathStyle(true)
                .build();
    }

    /** A bucket name no other test uses. */
    public static String uniqueBucket(String prefix) {
        return (prefix + "-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet()).toLowerCase(Locale.ROOT);
    }

    // The SDK's default sync client is Apache HttpClient 5 (apache5-client, a runtime dependency of s3); the v4
    // apache-client is not in the offline repository. Glibc does not resolve bucket.localhost, so we do.
    private static final class LoopbackForLocalhost extends SystemDefaultDnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return host.endsWith("localhost")
                    ? new InetAddress[] {InetAddress.getLoopbackAddress()}
                    : super.resolve(host);
        }
    }

    private static StaticCredentialsProvider credentials(String accessKey, String secretKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }
}
