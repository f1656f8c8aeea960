package dev.blobpipe.ingest.s3;

import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the errors Jetty answers by itself (unparseable request line or URI, oversized or bad headers) as the S3
 * Error document, through the same renderer as our own errors: an S3 client parses that document whatever failed,
 * and Jetty's HTML page would surface as "unparseable response" instead of the error (idea: S3Proxy's S3ErrorHandler).
 */
final class S3JettyErrorHandler extends ErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(S3JettyErrorHandler.class);

    /** The method Jetty gives the request it makes up when the request line itself did not parse. */
    private static final String BAD_MESSAGE_METHOD = "BAD";

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException httpException) {
            status = httpException.getCode();
        }
        if (status < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR_500;
        }
        S3Error error = errorFor(request, status);
        String existingId = response.getHeaders().get(RequestId.HEADER);
        RequestId requestId = existingId != null
                ? new RequestId(existingId, response.getHeaders().get(RequestId.HOST_HEADER))
                : RequestId.next();
        log.debug("jetty error rendered as S3 error requestId={} status={} code={} reason={}", requestId.id(),
                status, error.code(), request.getAttribute(ERROR_MESSAGE));
        // S3Error's own message, never Jetty's: that one quotes the offending bytes and names Jetty internals.
        // The status stays Jetty's, since HTTP mandates some (431, 414, 417) whatever code names the failure.
        S3ErrorResponse.send(response, callback, "HEAD".equals(request.getMethod()), status, error, error.message(),
                null, requestId, Map.of());
        return true;
    }

    /** The closest S3 error code for a status Jetty chose. */
    static S3Error errorFor(Request request, int status) {
        if (status == HttpStatus.URI_TOO_LONG_414 || status == HttpStatus.BAD_REQUEST_400 && isUriFailure(request)) {
            return S3Error.INVALID_URI;
        }
        return switch (status) {
            case HttpStatus.METHOD_NOT_ALLOWED_405 -> S3Error.METHOD_NOT_ALLOWED;
            case HttpStatus.REQUEST_TIMEOUT_408 -> S3Error.REQUEST_TIMEOUT;
            case HttpStatus.LENGTH_REQUIRED_411 -> S3Error.MISSING_CONTENT_LENGTH;
            case HttpStatus.PAYLOAD_TOO_LARGE_413 -> S3Error.MAX_MESSAGE_LENGTH_EXCEEDED;
            case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 -> S3Error.REQUEST_HEADER_SECTION_TOO_LARGE;
            case HttpStatus.NOT_IMPLEMENTED_501 -> S3Error.NOT_IMPLEMENTED;
            case HttpStatus.SERVICE_UNAVAILABLE_503 -> S3Error.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? S3Error.INTERNAL_ERROR : S3Error.INVALID_REQUEST;
        };
    }

    /**
     * Whether the URI is what Jetty refused: the request line did not parse (made-up method), or the URI broke a
     * rule our UriCompliance does not waive (e.g. a fragment). Asked of the request, not read from Jetty's message.
     */
    private static boolean isUriFailure(Request request) {
        if (BAD_MESSAGE_METHOD.equals(request.getMethod()) || request.getHttpURI() == null) {
            return true;
        }
        UriCompliance compliance = request.getConnectionMetaData().getHttpConfiguration().getUriCompliance();
        for (UriCompliance.Violation violation : request.getHttpURI().getViolations()) {
            if (!compliance.allows(violation)) {
                return true;
            }
        }
        return false;
    }
}
