package dev.blobpipe.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * ListObjectsV2 through a presigned URL and the JDK's HTTP client, reading the body to its end without parsing it: the
 * page latency as the server delivers it, beside the SDK's figure that includes its XML unmarshalling on the same
 * cores. Only the continuation token is picked out of the body, by a plain search (it is base64url, never escaped).
 */
final class RawListing {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String TOKEN_START = "<NextContinuationToken>";
    private static final byte[] TOKEN_START_BYTES = TOKEN_START.getBytes(StandardCharsets.US_ASCII);

    private final String endpoint;
    private final AwsCredentialsIdentity credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final byte[] buffer = new byte[64 * 1024];
    private final byte[] tail = new byte[4096];

    RawListing(String endpoint, String accessKey, String secretKey) {
        this.endpoint = endpoint;
        this.credentials = AwsCredentialsIdentity.create(accessKey, secretKey);
    }

    /** One page's body size and its NextContinuationToken (null on the last page). */
    record Page(long bytes, String nextContinuationToken) {
    }

    /** GETs {@code /bucket?list-type=2&...} with the given query parameters (unencoded; null values left out). */
    Page list(String bucket, Map<String, String> parameters) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create(endpoint + "/" + bucket))
                .putRawQueryParameter("list-type", "2");
        parameters.forEach((name, value) -> {
            if (value != null) {
                unsigned.putRawQueryParameter(name, value);
            }
        });
        SdkHttpRequest signed = signer.sign(request -> request
                .identity(credentials)
                .request(unsigned.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(15))).request();
        HttpRequest request = HttpRequest.newBuilder(signed.getUri()).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("listing answered " + response.statusCode() + ": "
                            + new String(body.readNBytes(2048), StandardCharsets.UTF_8));
                }
                return drain(body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing", e);
        }
    }

    /** Reads to the end; the token element comes before the Contents, so it lies in the first buffer's worth. */
    private Page drain(InputStream body) throws IOException {
        long total = 0;
        int head = 0; // bytes of the document's beginning kept in tail
        for (int n; (n = body.read(buffer)) >= 0; ) {
            if (head < tail.length) {
                int copy = Math.min(n, tail.length - head);
                System.arraycopy(buffer, 0, tail, head, copy);
                head += copy;
            }
            total += n;
        }
        return new Page(total, token(head));
    }

    private String token(int length) {
        int start = indexOf(tail, length, TOKEN_START_BYTES);
        if (start < 0) {
            return null;
        }
        int from = start + TOKEN_START_BYTES.length;
        int to = from;
        while (to < length && tail[to] != '<') {
            to++;
        }
        if (to == length) {
            throw new IllegalStateException("NextContinuationToken beyond the first " + tail.length + " bytes");
        }
        return new String(tail, from, to - from, StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] bytes, int length, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
