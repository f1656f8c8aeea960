package dev.blobpipe.ingest.s3;

import dev.blobpipe.ingest.auth.VerifiedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * One S3 request as handlers see it (authenticated, but for a CORS preflight and a health probe): method, bucket and
 * key, decoded query, headers by lower-case name, the verified signature, and the Jetty response to fill. Used by the
 * one Jetty thread serving the request.
 */
final class S3Call {
    private final Request request;
    private final Response response;
    private final S3Resource resource;
    private final QueryParams query;
    private final Map<String, List<String>> headers;
    private final VerifiedRequest verified;
    private final Map<String, String> errorHeaders;

    S3Call(Request request, Response response, S3Resource resource, QueryParams query,
            Map<String, List<String>> headers, VerifiedRequest verified, Map<String, String> errorHeaders) {
        this.errorHeaders = errorHeaders;
        this.request = request;
        this.response = response;
        this.resource = resource;
        this.query = query;
        this.headers = headers;
        this.verified = verified;
    }

    String method() {
        return request.getMethod();
    }

    boolean isHead() {
        return "HEAD".equals(request.getMethod());
    }

    String bucket() {
        return resource.bucket();
    }

    String key() {
        return resource.key();
    }

    QueryParams query() {
        return query;
    }

    /** The first value of a header, or null. */
    String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    Map<String, List<String>> headers() {
        return headers;
    }

    /** The verified signature; null for a CORS preflight and a health probe, which are not authenticated. */
    VerifiedRequest verified() {
        return verified;
    }

    /** Content-Length of the request, -1 when absent (e.g. Transfer-Encoding: chunked). */
    long contentLength() {
        return request.getLength();
    }

    /** The body as received (still aws-chunked framed if it was sent so); read it through the BodyDecoder. */
    InputStream rawBody() {
        return Content.Source.asInputStream(request);
    }

    void status(int status) {
        response.setStatus(status);
    }

    void responseHeader(String name, String value) {
        if (value != null) {
            response.getHeaders().put(name, value);
        }
    }

    void responseHeader(HttpHeader header, long value) {
        response.getHeaders().put(header, value);
    }

    /** The response body; blocking writes. Closing it ends the response. */
    OutputStream openBody() {
        return Content.Sink.asOutputStream(response);
    }

    /** Sends a 200 XML document written by {@code body}. */
    void sendXml(String rootElement, XmlBody body) throws IOException {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, S3Xml.CONTENT_TYPE);
        try (OutputStream out = openBody(); S3Xml xml = S3Xml.open(out, rootElement)) {
            body.write(xml);
        }
    }

    /** Headers the error response must carry if the handler fails next (Content-Range of a 416, ETag of a 304). */
    void errorHeader(String name, String value) {
        errorHeaders.put(name, value);
    }

    /** The elements inside a document's root. */
    @FunctionalInterface
    interface XmlBody {
        void write(S3Xml xml) throws IOException;
    }
}
