package dev.blobpipe.ingest.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The one renderer of S3 errors: {@code <Error><Code/><Message/><Resource/><RequestId/></Error>} with the status of
 * the S3Error. Used for errors of our handlers and, through {@link S3JettyErrorHandler}, for the ones Jetty answers
 * itself. HEAD responses and statuses without a body (304) get the status and headers only.
 */
final class S3ErrorResponse {
    private S3ErrorResponse() {
    }

    /** The XML document; small and bounded (no request data beyond the resource path), so built in memory. */
    static byte[] render(S3Error error, String message, String resource, String requestId) {
        var out = new ByteArrayOutputStream(256);
        try (S3Xml xml = S3Xml.open(out, "Error", null)) {
            xml.element("Code", error.code())
                    .element("Message", message == null ? error.message() : message)
                    .optional("Resource", resource)
                    .element("RequestId", requestId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render error " + error, e);
        }
        return out.toByteArray();
    }

    /**
     * Sends the error on a response that is not committed, replacing any header a handler had set (keeping the request
     * ids) and adding {@code extraHeaders} (Content-Range of a 416, ETag of a 304). Completes {@code callback}.
     */
    static void send(Response response, Callback callback, boolean head, S3Error error, String message,
            String resource, RequestId requestId, Map<String, String> extraHeaders) {
        send(response, callback, head, error.status(), error, message, resource, requestId, extraHeaders);
    }

    /** Like the other send, with a status other than the error's (one HTTP mandates, e.g. Jetty's 431). */
    static void send(Response response, Callback callback, boolean head, int status, S3Error error, String message,
            String resource, RequestId requestId, Map<String, String> extraHeaders) {
        response.reset();
        response.setStatus(status);
        response.getHeaders().put(RequestId.HEADER, requestId.id());
        response.getHeaders().put(RequestId.HOST_HEADER, requestId.hostId());
        extraHeaders.forEach((name, value) -> response.getHeaders().put(name, value));
        if (head || HttpStatus.hasNoBody(status)) {
            callback.succeeded();
            return;
        }
        byte[] body = render(error, message, resource, requestId.id());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, S3Xml.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
