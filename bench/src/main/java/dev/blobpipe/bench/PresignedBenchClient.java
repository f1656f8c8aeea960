package dev.blobpipe.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The light client for small objects: URLs presigned (SigV4 query auth, UNSIGNED-PAYLOAD, only {@code host} signed)
 * by the SDK's S3Presigner before a step is timed (about 25 us of CPU each here, which the step would otherwise pay per
 * request), sent by the JDK's HTTP/1.1 client, GET bodies checked as they arrive against a scratch buffer per thread.
 * It spent 0.4 to 0.55 of the SDK client's CPU per 4 KiB PUT or GET here (see the README). It does no listings and
 * no multipart, and refuses objects over {@link #MAX_OBJECT_BYTES}, whose body it would hold whole.
 *
 * <p>The workers call the blocking {@code send}: in JDK 17 that is {@code sendAsync(...).get()}, the same work, so an
 * asynchronous runner would save only the parked threads. The client's callbacks run on a small pool of its own: the
 * default executor (a cached pool, a thread hop per callback) cost a quarter to a third more CPU per request, and
 * running them on the selector thread saved nothing measurable while letting a slow check stall every connection.
 */
final class PresignedBenchClient implements BenchClient {
    static final int MAX_OBJECT_BYTES = 1 << 20;
    /** Longer than any step may run (Workloads stops a hung one after an hour); S3 allows up to a week. */
    private static final Duration URL_LIFETIME = Duration.ofHours(6);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final int SCRATCH_BYTES = 16 << 10;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_BYTES]);

    private final S3Presigner presigner;
    private final ExecutorService httpThreads;
    private final HttpClient http;
    /** The current step's URLs: replaced whole by prepare, read by the step's threads after it returns. */
    private volatile Map<ObjectRequest, URI> urls = Map.of();

    PresignedBenchClient(URI endpoint, String accessKey, String secretKey, int httpThreadCount) {
        this.presigner = S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
        var threadNumber = new AtomicInteger(); // its queue holds a few callbacks per request in flight at most
        this.httpThreads = Executors.newFixedThreadPool(httpThreadCount, task -> {
            Thread thread = new Thread(task, "light-client-http-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // HTTP/1.1 opens a connection per request in flight and keeps it for the next: as many as the step's clients
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(httpThreads)
                .build();
    }

    @Override
    public void prepare(List<ObjectRequest> requests) {
        Map<ObjectRequest, URI> prepared = new HashMap<>();
        for (ObjectRequest request : requests) {
            prepared.computeIfAbsent(request, this::presign);
        }
        urls = prepared;
    }

    @Override
    public void createBucket(String bucket) {
        throw new UnsupportedOperationException("the light client only PUTs and GETs small objects");
    }

    @Override
    public void put(String bucket, BenchObject object) throws IOException {
        if (object.sizeBytes() > MAX_OBJECT_BYTES) {
            throw new IllegalArgumentException(object.key() + " is larger than the light client sends");
        }
        byte[] body = new byte[(int) object.sizeBytes()];
        object.body().read(body, 0, body.length);
        HttpRequest request = HttpRequest.newBuilder(url(ObjectRequest.put(bucket, object)))
                .timeout(REQUEST_TIMEOUT)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = send(request, info -> BodySubscribers.replacing(""));
        if (response.statusCode() != 200) {
            throw failure(response, object);
        }
    }

    @Override
    public void getVerified(String bucket, BenchObject object) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url(ObjectRequest.get(bucket, object)))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        HttpResponse<String> response = send(request, info -> new CheckingSubscriber(object));
        if (response.statusCode() != 200) {
            throw failure(response, object);
        }
    }

    @Override
    public void putMultipart(String bucket, BenchObject object, long partBytes, int partsInFlight) {
        throw new UnsupportedOperationException("the light client only PUTs and GETs small objects");
    }

    @Override
    public ListPage listPage(String bucket, String continuationToken) {
        throw new UnsupportedOperationException("the light client only PUTs and GETs small objects");
    }

    @Override
    public void close() {
        presigner.close();
        httpThreads.shutdownNow();
    }

    /** The prepared URL, or one presigned now for a request the step did not announce. */
    private URI url(ObjectRequest request) {
        URI prepared = urls.get(request);
        return prepared != null ? prepared : presign(request);
    }

    private URI presign(ObjectRequest request) {
        String bucket = request.bucket();
        String key = request.object().key();
        var url = request.method() == ObjectRequest.Method.PUT
                ? presigner.presignPutObject(presign -> presign.signatureDuration(URL_LIFETIME)
                        .putObjectRequest(put -> put.bucket(bucket).key(key))).url()
                : presigner.presignGetObject(presign -> presign.signatureDuration(URL_LIFETIME)
                        .getObjectRequest(get -> get.bucket(bucket).key(key))).url();
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the presigner made an invalid URL for " + key, e);
        }
    }

    /**
     * Sends and waits. Error answers come back as their text: a 200's body goes to the handler, any other's is read
     * as a string for the message.
     */
    private HttpResponse<String> send(HttpRequest request, HttpResponse.BodyHandler<String> ok) throws IOException {
        try {
            return http.send(request, info -> info.statusCode() == 200
                    ? ok.apply(info) : BodySubscribers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted sending " + request.method(), e);
        }
    }

    /** The failure of an answer other than 200, without the URL: its query is a credential for six hours. */
    private static IOException failure(HttpResponse<String> response, BenchObject object) {
        return new IOException(response.request().method() + " " + object.key() + " answered "
                + response.statusCode() + ": " + response.body());
    }

    /** Checks a 200's body against the object as it arrives; the body's value is "" once it all matched. */
    private static final class CheckingSubscriber implements BodySubscriber<String> {
        private final PatternCheck check;
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CheckingSubscriber(BenchObject object) {
            this.check = new PatternCheck(object);
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return; // failed already and cancelled: what is still in flight is not checked
            }
            try {
                byte[] scratch = SCRATCH.get();
                for (ByteBuffer buffer : buffers) {
                    check.accept(buffer, scratch);
                }
            } catch (RuntimeException e) {
                subscription.cancel();
                result.completeExceptionally(e);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            try {
                check.finish();
                result.complete("");
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
    }
}
