package dev.blobpipe.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The comparison's ceiling: an S3 endpoint that does no work. It accepts any request without checking its signature,
 * discards every body and answers 200; a GET returns the bytes the benchmark would have stored under the key (see
 * {@link BenchObject}), so verification is as real as against a store; ListObjectsV2 answers pages of made-up keys;
 * multipart create and complete answer minimal valid XML.
 *
 * <p>Usage: {@code NullS3Server PORT}. 128 handler threads, twice the benchmark's clients, so it is never the queue.
 */
public final class NullS3Server implements AutoCloseable {
    private static final int THREADS = 128;
    private static final int BUFFER_BYTES = 64 << 10;
    private static final String XML_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final String S3_NAMESPACE = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    private final HttpServer server;
    private final ExecutorService handlers;

    private NullS3Server(HttpServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    public static void main(String[] args) throws IOException {
        NullS3Server server = start(Integer.parseInt(args[0]));
        System.out.println("null S3 server listening on " + server.endpoint());
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Serves on 127.0.0.1:{@code port} (0: any free one) until closed; the comparison also warms its clients up on one
     * in its own JVM.
     */
    static NullS3Server start(int port) throws IOException {
        // the JDK server writes a response's headers and its body apart: with Nagle on, the body waits for the
        // client's delayed ACK, and every GET took 40 ms (1,300 GETs/s at 64 clients instead of over 6,000)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        ExecutorService handlers = Executors.newFixedThreadPool(THREADS);
        server.setExecutor(handlers);
        server.createContext("/", NullS3Server::handle);
        server.start();
        return new NullS3Server(server, handlers);
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
            int slash = path.indexOf('/', 1);
            String bucket = slash < 0 ? path.substring(1) : path.substring(1, slash);
            String key = slash < 0 ? "" : path.substring(slash + 1);
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && key.isEmpty()) {
                sendXml(exchange, ListPage.of(bucket, query));
            } else if (method.equals("GET") || method.equals("HEAD")) {
                sendObject(exchange, key, method.equals("HEAD"));
            } else if (method.equals("POST") && query.startsWith("uploads")) {
                sendXml(exchange, "<InitiateMultipartUploadResult" + S3_NAMESPACE + "><Bucket>" + bucket + "</Bucket>"
                        + "<Key>" + key + "</Key><UploadId>null-upload</UploadId></InitiateMultipartUploadResult>");
            } else if (method.equals("POST")) {
                sendXml(exchange, "<CompleteMultipartUploadResult" + S3_NAMESPACE + "><Bucket>" + bucket
                        + "</Bucket><Key>" + key + "</Key><ETag>\"0\"</ETag></CompleteMultipartUploadResult>");
            } else {
                exchange.getResponseHeaders().set("ETag", "\"0\"");
                exchange.sendResponseHeaders(method.equals("DELETE") ? 204 : 200, -1);
            }
        }
    }

    private static void sendObject(HttpExchange exchange, String key, boolean headOnly) throws IOException {
        BenchObject object = BenchObject.parse(key);
        if (object == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().set("ETag", "\"0\"");
        if (headOnly) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(object.sizeBytes()));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        // 0 would mean chunked: an empty object is sent with no body at all
        exchange.sendResponseHeaders(200, object.sizeBytes() == 0 ? -1 : object.sizeBytes());
        try (InputStream bytes = object.body(); OutputStream out = exchange.getResponseBody()) {
            byte[] buffer = new byte[BUFFER_BYTES];
            int count;
            while ((count = bytes.read(buffer)) > 0) {
                out.write(buffer, 0, count);
            }
        }
    }

    private static void sendXml(HttpExchange exchange, String xml) throws IOException {
        byte[] bytes = (XML_HEAD + xml).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A ListObjectsV2 page of 1,000 keys {@code k000000000} on, from the index its continuation token carries. */
    private static final class ListPage {
        private static final int KEYS = 1000;

        static String of(String bucket, String query) {
            long start = 0;
            for (String parameter : query.split("&")) {
                if (parameter.startsWith("continuation-token=")) {
                    start = Long.parseLong(parameter.substring("continuation-token=".length()));
                }
            }
            var xml = new StringBuilder(KEYS * 200).append("<ListBucketResult").append(S3_NAMESPACE).append(">")
                    .append("<Name>").append(bucket).append("</Name><Prefix></Prefix><KeyCount>").append(KEYS)
                    .append("</KeyCount><MaxKeys>").append(KEYS).append("</MaxKeys><IsTruncated>true</IsTruncated>")
                    .append("<NextContinuationToken>").append(start + KEYS).append("</NextContinuationToken>");
            for (long n = start; n < start + KEYS; n++) {
                xml.append("<Contents><Key>").append(String.format("k%09d", n)).append("</Key>")
                        .append("<LastModified>2025-01-01T00:00:00.000Z</LastModified><ETag>\"0\"</ETag>")
                        .append("<Size>0</Size><StorageClass>STANDARD</StorageClass></Contents>");
            }
            return xml.append("</ListBucketResult>").toString();
        }
    }
}
