package dev.blobpipe.cli;

import static dev.blobpipe.cli.testing.S3Errors.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.blobpipe.cli.testing.Checksums;
import dev.blobpipe.cli.testing.DevProcess;
import dev.blobpipe.cli.testing.GeneratedBody;
import dev.blobpipe.embedded.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * kill -9 of {@code blobpipe dev} (its own JVM) in the middle of a multipart upload and in the middle of
 * CompleteMultipartUpload: after a restart on the same data directory the upload either completes when retried or
 * stays invisible, and no object is ever readable with bytes other than the parts'.
 */
class MultipartCrashTest {
    private static final String ACCESS_KEY = "MPUCRASHKEY000000001";
    private static final String SECRET_KEY = "mpu-crash-secret-key-00000000000000000000";
    private static final String BUCKET = "mpu-crash";
    private static final String KEY = "backup/db.dump";
    private static final String PROBE_BUCKET = "mpu-crash-probe";
    private static final long MIB = 1L << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** The object's parts: two of the 5 MiB minimum and a short last one. */
    private static final List<GeneratedPart> PARTS = List.of(
            new GeneratedPart(101, 5 * MIB), new GeneratedPart(102, 5 * MIB), new GeneratedPart(103, MIB));

    // kept when a test fails: the server logs (dev-N.log) beside the data directory say what happened
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path temp;
    private DevProcess running;
    private final CountDownLatch releaseStalledBody = new CountDownLatch(1);
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        releaseStalledBody.countDown();
        background.shutdownNow();
        if (running != null) {
            running.close();
        }
    }

    @Test
    void killDuringAPartUploadKeepsTheEarlierPartsAndTheUploadCompletesAfterRestart() throws Exception {
        // given: parts 1 and 2 acknowledged, part 3 on the wire, stalled after 3 MiB of a 5 MiB body (so that a few
        // of its chunks reached Kafka), and the server killed then
        Path dataDir = dataDir();
        int port = freePort();
        running = DevProcess.start(dataDir, port, ACCESS_KEY, SECRET_KEY);
        String uploadId;
        List<CompletedPart> acknowledged = new ArrayList<>();
        try (S3Client client = client(running.endpoint())) {
            client.createBucket(create -> create.bucket(BUCKET));
            uploadId = client.createMultipartUpload(create -> create.bucket(BUCKET).key(KEY)).uploadId();
            acknowledged.add(uploadPart(client, uploadId, 1, PARTS.get(0)));
            acknowledged.add(uploadPart(client, uploadId, 2, PARTS.get(1)));
            var sent = new AtomicLong();
            Future<?> torn = background.submit(() -> client.uploadPart(part -> part.bucket(BUCKET).key(KEY)
                    .uploadId(uploadId).partNumber(3), RequestBody.fromContentProvider(
                            () -> new StalledBody(new GeneratedBody(104, 5 * MIB), 3 * MIB, sent, releaseStalledBody),
                            5 * MIB, "application/octet-stream")));

            // when
            Await.until(TIMEOUT, "3 MiB of part 3 read by the client", () -> sent.get() >= 3 * MIB);
            running.kill();
            releaseStalledBody.countDown();
            assertThat(catchFailure(torn)).as("part 3's upload fails with the server gone").isNotNull();
        }
        running = DevProcess.start(dataDir, port, ACCESS_KEY, SECRET_KEY);
        awaitAcceptingUploads(running.endpoint());

        // then: parts 1 and 2 are listed as acknowledged, part 3 is not (its body never arrived whole), nothing visible
        try (S3Client client = client(running.endpoint())) {
            List<Part> listed = client.listParts(list -> list.bucket(BUCKET).key(KEY).uploadId(uploadId)).parts();
            assertThat(listed).extracting(Part::partNumber, Part::eTag, Part::size).containsExactly(
                    tuple(1, acknowledged.get(0).eTag(), 5 * MIB),
                    tuple(2, acknowledged.get(1).eTag(), 5 * MIB));
            assertThat(client.listObjectsV2(list -> list.bucket(BUCKET)).contents()).as("nothing visible").isEmpty();

            // and the upload completes once part 3 is sent again
            List<CompletedPart> parts = new ArrayList<>(acknowledged);
            parts.add(uploadPart(client, uploadId, 3, PARTS.get(2)));
            CompleteMultipartUploadResponse completion = complete(client, uploadId, parts);
            assertThat(completion.eTag()).isEqualTo(multipartEtag(PARTS));
            assertObjectIsTheParts(client);
        }
    }

    @Test
    void killDuringCompleteLeavesEitherTheWholeObjectOrAnOpenUploadThatCompletes() throws Exception {
        // given: all three parts acknowledged
        Path dataDir = dataDir();
        int port = freePort();
        running = DevProcess.start(dataDir, port, ACCESS_KEY, SECRET_KEY);
        String uploadId;
        List<CompletedPart> parts = new ArrayList<>();
        var transmitting = new CountDownLatch(1);
        try (S3Client client = client(running.endpoint(), new SignalOnTransmission(transmitting))) {
            client.createBucket(create -> create.bucket(BUCKET));
            uploadId = client.createMultipartUpload(create -> create.bucket(BUCKET).key(KEY)).uploadId();
            for (int index = 0; index < PARTS.size(); index++) {
                parts.add(uploadPart(client, uploadId, index + 1, PARTS.get(index)));
            }

            // when: CompleteMultipartUpload goes out on another thread and the server is killed as soon as the SDK
            // starts writing it: the kill races the request, the MultipartCompleted event and the response
            Future<CompleteMultipartUploadResponse> completing = background.submit(() -> complete(client, uploadId,
                    parts));
            assertThat(transmitting.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("CompleteMultipartUpload was sent").isTrue();
            running.kill();
            Throwable failure = catchFailure(completing);
            System.out.printf("CompleteMultipartUpload before the kill: %s%n",
                    failure == null ? "answered 200" : failure.toString());
        }
        running = DevProcess.start(dataDir, port, ACCESS_KEY, SECRET_KEY);
        awaitAcceptingUploads(running.endpoint());

        // then: either the object is whole, or it is invisible and completing again gives the whole object
        try (S3Client client = client(running.endpoint())) {
            boolean visible = headStatus(client) == 200;
            System.out.printf("after restart the object is %s%n", visible ? "visible" : "absent");
            if (!visible) {
                assertThat(client.listParts(list -> list.bucket(BUCKET).key(KEY).uploadId(uploadId)).parts())
                        .as("an invisible object leaves its upload open with every part")
                        .extracting(Part::partNumber).containsExactly(1, 2, 3);
                completeAgain(client, uploadId, parts);
            }
            assertObjectIsTheParts(client);
            assertS3Error(() -> client.listParts(list -> list.bucket(BUCKET).key(KEY).uploadId(uploadId)), 404,
                    "NoSuchUpload");
        }
    }

    /**
     * Completes an upload that looked open after the restart. The restarted indexer may still be applying a
     * MultipartCompleted published before the kill; then that one wins and this one finds the upload gone
     * (NoSuchUpload), which is acceptable only if the object it made is the whole object.
     */
    private static void completeAgain(S3Client client, String uploadId, List<CompletedPart> parts)
            throws IOException {
        try {
            assertThat(complete(client, uploadId, parts).eTag()).isEqualTo(multipartEtag(PARTS));
        } catch (S3Exception e) {
            assertThat(e.awsErrorDetails().errorCode()).as("completing again: %s", e.getMessage())
                    .isEqualTo("NoSuchUpload");
            System.out.println("completing again found the upload completed by the request before the kill");
        }
    }

    /**
     * Waits until a PUT to another bucket succeeds. After a kill -9 the dead process's consumers stay members of the
     * archiver's and the indexer's groups until their session times out (Kafka's default 45 s), and until then no
     * upload becomes visible: writes fail with 503 after the visibility timeout. That outage is reported apart; here
     * it must not decide the outcome, so the checks start once the restarted system accepts uploads again.
     */
    private static void awaitAcceptingUploads(URI endpoint) {
        long start = System.nanoTime();
        try (S3Client client = client(endpoint)) {
            Await.value(Duration.ofSeconds(180), "blobpipe dev accepting uploads after the restart", () -> {
                try {
                    client.createBucket(create -> create.bucket(PROBE_BUCKET));
                } catch (S3Exception e) {
                    if (!"BucketAlreadyOwnedByYou".equals(e.awsErrorDetails().errorCode())) {
                        throw e;
                    }
                }
                client.putObject(put -> put.bucket(PROBE_BUCKET).key("probe"), RequestBody.fromString("probe"));
                return Boolean.TRUE;
            });
        }
        System.out.printf("restarted blobpipe dev accepted uploads after %.1f s%n",
                (System.nanoTime() - start) / 1e9);
    }

    private static void assertObjectIsTheParts(S3Client client) throws IOException {
        assertThat(client.headObject(head -> head.bucket(BUCKET).key(KEY)).eTag()).isEqualTo(multipartEtag(PARTS));
        try (ResponseInputStream<GetObjectResponse> get = client.getObject(g -> g.bucket(BUCKET).key(KEY))) {
            assertThat(get.response().contentLength()).isEqualTo(11 * MIB);
            assertThat(Checksums.sha256Hex(get)).as("bytes of the object").isEqualTo(Checksums.sha256Hex(
                    new SequenceInputStream(Collections.enumeration(PARTS.stream().map(GeneratedPart::open)
                            .toList()))));
        }
    }

    private static int headStatus(S3Client client) {
        try {
            return client.headObject(head -> head.bucket(BUCKET).key(KEY)).sdkHttpResponse().statusCode();
        } catch (S3Exception e) {
            return e.statusCode();
        }
    }

    private static CompletedPart uploadPart(S3Client client, String uploadId, int partNumber, GeneratedPart part) {
        String etag = client.uploadPart(upload -> upload.bucket(BUCKET).key(KEY).uploadId(uploadId)
                .partNumber(partNumber), part.body()).eTag();
        return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
    }

    private static CompleteMultipartUploadResponse complete(S3Client client, String uploadId,
            List<CompletedPart> parts) {
        return client.completeMultipartUpload(completion -> completion.bucket(BUCKET).key(KEY).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));
    }

    /** The failure of a call cut off by the kill, or null if it succeeded. */
    private static Throwable catchFailure(Future<?> call) throws InterruptedException {
        try {
            call.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the call did not end within " + TIMEOUT + " of the kill", e);
        }
    }

    /** The quoted S3 ETag of a multipart object: hex MD5 of the binary part MD5s, a dash, the part count. */
    private static String multipartEtag(List<GeneratedPart> parts) throws IOException {
        MessageDigest md5OfMd5s = digest("MD5");
        for (GeneratedPart part : parts) {
            MessageDigest md5 = digest("MD5");
            try (InputStream in = part.open()) {
                byte[] buffer = new byte[64 << 10];
                int count;
                while ((count = in.read(buffer)) > 0) {
                    md5.update(buffer, 0, count);
                }
            }
            md5OfMd5s.update(md5.digest());
        }
        return "\"" + HexFormat.of().formatHex(md5OfMd5s.digest()) + "-" + parts.size() + "\"";
    }

    private Path dataDir() throws IOException {
        return Files.createDirectories(temp.resolve("data"));
    }

    private static S3Client client(URI endpoint, ExecutionInterceptor... interceptors) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                // a retry after the kill would blur which request the killed process saw
                .overrideConfiguration(config -> {
                    config.retryStrategy(DefaultRetryStrategy.doNotRetry());
                    for (ExecutionInterceptor interceptor : interceptors) {
                        config.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without " + algorithm, e);
        }
    }

    /** A part body generated on the fly from a seed, re-openable. */
    private record GeneratedPart(long seed, long sizeBytes) {
        InputStream open() {
            return new GeneratedBody(seed, sizeBytes);
        }

        RequestBody body() {
            return RequestBody.fromContentProvider(this::open, sizeBytes, "application/octet-stream");
        }
    }

    /** Counts down when the SDK is about to write a CompleteMultipartUpload request. */
    private static final class SignalOnTransmission implements ExecutionInterceptor {
        private final CountDownLatch transmitting;

        SignalOnTransmission(CountDownLatch transmitting) {
            this.transmitting = transmitting;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof CompleteMultipartUploadRequest) {
                transmitting.countDown();
            }
        }
    }

    /**
     * A body that passes {@code stallAt} bytes through, then blocks until released (the server is killed meanwhile)
     * and fails, so the request can never finish whole.
     */
    private static final class StalledBody extends InputStream {
        private final InputStream body;
        private final long stallAt;
        private final AtomicLong sent;
        private final CountDownLatch release;

        StalledBody(InputStream body, long stallAt, AtomicLong sent, CountDownLatch release) {
            this.body = body;
            this.stallAt = stallAt;
            this.sent = sent;
            this.release = release;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            long position = sent.get();
            if (position >= stallAt) {
                try {
                    release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("stalled body interrupted");
                }
                throw new IOException("stalled body released: the test cut this part off");
            }
            int count = body.read(buffer, offset, (int) Math.min(length, stallAt - position));
            if (count > 0) {
                sent.addAndGet(count);
            }
            return count;
        }
    }
}
