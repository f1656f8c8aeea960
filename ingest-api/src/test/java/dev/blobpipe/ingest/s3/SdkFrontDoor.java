package dev.blobpipe.ingest.s3;

import dev.blobpipe.ingest.IngestConfig;
import dev.blobpipe.ingest.auth.CredentialStore;
import dev.blobpipe.ingest.auth.PayloadDecoder;
import dev.blobpipe.ingest.auth.SigV4Verifier;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The real front door (S3Server with the real SigV4 verifier and payload decoder) over in-memory storage, and an AWS
 * SDK v2 client with its default settings for it: what the Sdk*Test classes check the wire format against.
 */
final class SdkFrontDoor implements AutoCloseable {
    static final String ACCESS_KEY = "sdk-test-key";
    static final String SECRET_KEY = "sdk/test+secret";

    private final S3Server server;
    private final S3Client client;

    private SdkFrontDoor(S3Server server, S3Client client) {
        this.server = server;
        this.client = client;
    }

    static SdkFrontDoor start(InMemoryBackend fakes) throws IOException {
        var config = IngestConfig.from(InMemoryBackend.serverSettings());
        var verifier = new SigV4Verifier(CredentialStore.single(ACCESS_KEY, SECRET_KEY), Clock.systemUTC());
        var backend = new S3Backend(fakes.catalog, fakes.blobs, verifier::verify, PayloadDecoder::decode,
                fakes.backend().uploader(), fakes.backend().events(), fakes.versions, fakes.clock);
        S3Server server = S3Server.start(config, backend);
        S3Client client = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
        return new SdkFrontDoor(server, client);
    }

    S3Server server() {
        return server;
    }

    S3Client client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
