package dev.blobpipe.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * The AWS SDK v2 sync client, path-style, with checksums only where an operation requires them: S3Proxy 2.6.0 rejects
 * the SDK's default aws-chunked bodies with a checksum trailer, and every server must get the same requests.
 */
final class SdkBenchClient implements BenchClient {
    private static final String OCTETS = "application/octet-stream";

    private final S3Client s3;

    SdkBenchClient(URI endpoint, String accessKey, String secretKey, int maxConnections) {
        this.s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(maxConnections))
                .build();
    }

    @Override
    public void createBucket(String bucket) {
        s3.createBucket(request -> request.bucket(bucket));
    }

    @Override
    public void put(String bucket, BenchObject object) {
        s3.putObject(request -> request.bucket(bucket).key(object.key()),
                RequestBody.fromContentProvider(object::body, object.sizeBytes(), OCTETS));
    }

    @Override
    public void putMultipart(String bucket, BenchObject object, long partBytes, int partsInFlight) throws IOException {
        String key = object.key();
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key)).uploadId();
        ExecutorService uploaders = Executors.newFixedThreadPool(partsInFlight);
        try {
            List<Future<CompletedPart>> parts = new ArrayList<>();
            int partCount = (int) ((object.sizeBytes() + partBytes - 1) / partBytes);
            for (int index = 0; index < partCount; index++) {
                int partNumber = index + 1;
                long from = index * partBytes;
                long length = Math.min(partBytes, object.sizeBytes() - from);
                parts.add(uploaders.submit(() -> {
                    String etag = s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                                    .partNumber(partNumber),
                            RequestBody.fromContentProvider(() -> object.slice(from, length), length, OCTETS)).eTag();
                    return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
                }));
            }
            List<CompletedPart> completed = new ArrayList<>();
            for (Future<CompletedPart> part : parts) {
                completed.add(part.get(10, TimeUnit.MINUTES));
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(completed)));
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("multipart upload of " + key + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted uploading " + key, e);
        } finally {
            uploaders.shutdownNow();
        }
    }

    @Override
    public void getVerified(String bucket, BenchObject object) throws IOException {
        try (InputStream body = s3.getObject(request -> request.bucket(bucket).key(object.key()))) {
            object.verify(body);
        }
    }

    @Override
    public ListPage listPage(String bucket, String continuationToken) {
        ListObjectsV2Response page = s3.listObjectsV2(request -> request.bucket(bucket).maxKeys(1000)
                .continuationToken(continuationToken));
        return new ListPage(page.keyCount(), page.isTruncated() ? page.nextContinuationToken() : null);
    }

    @Override
    public void close() {
        s3.close();
    }
}
