package dev.blobpipe.ingest.auth;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.util.List;
import java.util.Locale;

/**
 * A parsed SigV4 Authorization header:
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date,
 * Signature=<64 hex>}. The signature is a secret-equivalent: toString leaves it out.
 */
record AuthorizationHeader(
        String accessKeyId, String date, String region, String service, List<String> signedHeaders,
        String signature) {

    AuthorizationHeader {
        signedHeaders = List.copyOf(signedHeaders);
    }

    /** The credential scope: date/region/service/aws4_request. */
    String scope() {
        return date + "/" + region + "/" + service + "/aws4_request";
    }

    @Override
    public String toString() {
        return "AuthorizationHeader[accessKeyId=" + accessKeyId + ", scope=" + scope() + ", signedHeaders="
                + signedHeaders + "]";
    }

    /** Parses the header value; throws S3Exception with the S3 code AWS answers for each defect. */
    static AuthorizationHeader parse(String value) {
        String trimmed = value.strip();
        if (trimmed.startsWith("AWS ")) {
            // Signature Version 2: S3 regions opened after 2014 answer exactly this.
            throw new S3Exception(S3Error.INVALID_REQUEST,
                    "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
        }
        if (!trimmed.startsWith(SigningPrimitives.ALGORITHM + " ")) {
            throw malformed("The authorization header must start with AWS4-HMAC-SHA256.");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : trimmed.substring(SigningPrimitives.ALGORITHM.length() + 1).split(",")) {
            String component = part.strip();
            int eq = component.indexOf('=');
            if (eq <= 0) {
                throw malformed("The authorization header has a component without '='.");
            }
            String name = component.substring(0, eq);
            String componentValue = component.substring(eq + 1).strip();
            switch (name) {
                case "Credential":
                    credential = once(credential, componentValue);
                    break;
                case "SignedHeaders":
                    signedHeaders = once(signedHeaders, componentValue);
                    break;
                case "Signature":
                    signature = once(signature, componentValue);
                    break;
                default:
                    throw malformed("The authorization header has an unknown component.");
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw malformed("The authorization header needs Credential, SignedHeaders and Signature.");
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty() || scope[2].isEmpty()) {
            throw malformed("The Credential must be access-key-id/date/region/s3/aws4_request.");
        }
        if (!scope[1].matches("[0-9]{8}")) {
            throw malformed("The Credential date must be yyyyMMdd.");
        }
        if (!"s3".equals(scope[3])) {
            throw malformed("The Credential service must be s3.");
        }
        if (!"aws4_request".equals(scope[4])) {
            throw malformed("The Credential must end with aws4_request.");
        }
        if (!SigningPrimitives.isSha256Hex(signature)) {
            throw malformed("The Signature must be 64 hexadecimal digits.");
        }
        List<String> names = List.of(signedHeaders.split(";", -1));
        for (String name : names) {
            if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT)) || name.indexOf(' ') >= 0) {
                throw malformed("SignedHeaders must be lower-case header names separated by ';'.");
            }
        }
        return new AuthorizationHeader(scope[0], scope[1], scope[2], scope[3], names, signature);
    }

    private static String once(String previous, String value) {
        if (previous != null) {
            throw malformed("The authorization header repeats a component.");
        }
        return value;
    }

    private static S3Exception malformed(String message) {
        return new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED, message);
    }
}
