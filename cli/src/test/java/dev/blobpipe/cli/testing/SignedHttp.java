package dev.blobpipe.cli.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Raw HTTP requests to the system under test, signed with the AWS SDK's own SigV4 signer: for the requests an S3
 * client never sends (tampered, truncated, oversized), so tests can change bytes after signing.
 */
public final class SignedHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    // java.net.http sets these itself from the URI and the body; the values it sends equal the signed ones.
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final HttpClient http;

    public SignedHttp(URI endpoint, String accessKey, String secretKey) {
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    /** A signer for the fixture's system with its credentials. */
    public static SignedHttp forFixture(BlobpipeFixture fixture) {
        return new SignedHttp(fixture.endpoint(), BlobpipeFixture.ACCESS_KEY, BlobpipeFixture.SECRET_KEY);
    }

    /** A request builder aimed at the endpoint, path-style; {@code encodedPath} is already URI-encoded. */
    public SdkHttpRequest.Builder request(SdkHttpMethod method, String encodedPath) {
        return SdkHttpRequest.builder()
                .protocol(endpoint.getScheme())
                .host(endpoint.getHost())
                .port(endpoint.getPort())
                .method(method)
                .encodedPath(encodedPath)
                .putHeader("Host", endpoint.getHost() + ":" + endpoint.getPort());
    }

    /** Signs with a hex SHA-256 of the body in x-amz-content-sha256, as most non-streaming clients do. */
    public Signed sign(SdkHttpRequest.Builder request, byte[] body) {
        return sign(request, body, Clock.systemUTC(), true, false);
    }

    /** Signs with x-amz-content-sha256: UNSIGNED-PAYLOAD; the body itself is not covered by the signature. */
    public Signed signUnsignedPayload(SdkHttpRequest.Builder request, byte[] body) {
        return sign(request, body, Clock.systemUTC(), false, false);
    }

    /** Signs as if the client's clock were {@code clock}. */
    public Signed signAt(SdkHttpRequest.Builder request, byte[] body, Clock clock) {
        return sign(request, body, clock, true, false);
    }

    /** Signs as STREAMING-AWS4-HMAC-SHA256-PAYLOAD: an aws-chunked body where every chunk carries a signature. */
    public Signed signChunked(SdkHttpRequest.Builder request, byte[] body) {
        return sign(request, body, Clock.systemUTC(), true, true);
    }

    /**
     * Signs an aws-chunked body with an {@code x-amz-checksum-crc32} trailer, as the SDK's default PutObject does:
     * STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER when {@code signedChunks}, else STREAMING-UNSIGNED-PAYLOAD-TRAILER.
     */
    public Signed signChunkedWithTrailer(SdkHttpRequest.Builder request, byte[] body, boolean signedChunks) {
        request.putHeader("Content-Length", Integer.toString(body.length));
        // The signer signs every payload it gets over plain http; the scheme is not part of SigV4's canonical
        // request, so an unsigned trailer body is signed as if for https and then sent over http.
        String scheme = request.protocol();
        if (!signedChunks) {
            request.protocol("https");
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(signing -> signing
                .identity(AwsCredentialsIdentity.create(accessKey, secretKey))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signedChunks)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
        byte[] wireBody = signed.payload().map(SignedHttp::readAll).orElse(new byte[0]);
        SdkHttpRequest signedRequest = signed.request().toBuilder()
                .protocol(scheme)
                .putHeader("Content-Length", Integer.toString(wireBody.length))
                .build();
        return new Signed(signedRequest, wireBody);
    }

    private Signed sign(SdkHttpRequest.Builder request, byte[] body, Clock clock, boolean signPayload,
            boolean chunked) {
        boolean hasBody = body.length > 0 || request.method() == SdkHttpMethod.PUT
                || request.method() == SdkHttpMethod.POST;
        // a Content-Length set by the caller wins: that is how a test announces more bytes than it sends
        if (hasBody && request.firstMatchingHeader("Content-Length").isEmpty()) {
            request.putHeader("Content-Length", Integer.toString(body.length));
        }
        // Over http the signer signs any payload it is given; only without one does it write UNSIGNED-PAYLOAD.
        ContentStreamProvider payload = signPayload ? ContentStreamProvider.fromByteArray(body) : null;
        SignedRequest signed = AwsV4HttpSigner.create().sign(signing -> signing
                .identity(AwsCredentialsIdentity.create(accessKey, secretKey))
                .request(request.build())
                .payload(payload)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, chunked)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        byte[] wireBody = signPayload ? signed.payload().map(SignedHttp::readAll).orElse(new byte[0]) : body;
        SdkHttpRequest signedRequest = signed.request();
        String length = signedRequest.firstMatchingHeader("Content-Length").orElse(null);
        if (chunked && length != null && Long.parseLong(length) != wireBody.length) {
            throw new IllegalStateException("signer declared Content-Length " + length + " for " + wireBody.length
                    + " body bytes");
        }
        if (length == null && wireBody.length > 0) {
            signedRequest = signedRequest.toBuilder()
                    .putHeader("Content-Length", Integer.toString(wireBody.length))
                    .build();
        }
        return new Signed(signedRequest, wireBody);
    }

    /** Sends the request as signed (or as tampered with afterwards) through java.net.http. */
    public RawResponse send(Signed signed) {
        HttpRequest.BodyPublisher body = signed.body().length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(signed.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(signed.request().getUri())
                .timeout(TIMEOUT)
                .method(signed.request().method().name(), body);
        signed.request().forEachHeader((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return RawResponse.send(http, builder.build());
    }

    /**
     * Writes the request by hand on a socket: the signed headers (Content-Length included, whatever it says), then
     * only {@code bodyBytesToWrite} bytes of the body, then half-closes the connection and reads the answer. This is
     * how a client that dies mid-body, or one that announces a huge body, looks to the server.
     */
    public RawResponse sendRaw(Signed signed, int bodyBytesToWrite) {
        return sendRaw(signed, bodyBytesToWrite, true);
    }

    /**
     * As {@link #sendRaw(Signed, int)}, but with {@code halfClose} false the connection stays open after the bytes
     * written: the server must answer from the headers alone (a refusal before the body), or the read times out.
     */
    public RawResponse sendRaw(Signed signed, int bodyBytesToWrite, boolean halfClose) {
        SdkHttpRequest request = signed.request();
        StringBuilder head = new StringBuilder();
        // from the encoded parts, not getUri(): java.net.URI refuses the malformed paths some tests send
        String target = request.encodedPath() + request.encodedQueryParameters().map(query -> "?" + query).orElse("");
        head.append(request.method().name()).append(' ').append(target).append(" HTTP/1.1\r\n");
        request.forEachHeader((name, values) -> values.forEach(value ->
                head.append(name).append(": ").append(value).append("\r\n")));
        head.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(signed.body(), 0, Math.min(bodyBytesToWrite, signed.body().length));
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            return readResponse(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawResponse readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a status line");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> length = headers.get("content-length");
        List<String> encoding = headers.get("transfer-encoding");
        if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length.get(0))));
        } else if (encoding != null && encoding.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
            for (int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                readLine(in);
            }
        } else {
            in.transferTo(body);
        }
        return new RawResponse(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readAll(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A signed request and the exact bytes to send as its body; tests derive tampered copies from it. */
    public record Signed(SdkHttpRequest request, byte[] body) {

        /** The same request with one header replaced after signing. */
        public Signed withHeader(String name, String value) {
            return new Signed(request.toBuilder().putHeader(name, value).build(), body);
        }

        /** The same request without a header (after signing). */
        public Signed withoutHeader(String name) {
            return new Signed(request.toBuilder().removeHeader(name).build(), body);
        }

        /** The same request with one body byte flipped after signing. */
        public Signed withBodyByteFlipped(int index) {
            byte[] changed = body.clone();
            changed[index] ^= 0x01;
            return new Signed(request, changed);
        }

        public String header(String name) {
            return request.firstMatchingHeader(name).orElseThrow(() -> new AssertionError("no header " + name));
        }
    }
}
