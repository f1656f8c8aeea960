package dev.blobpipe.ingest.auth;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.util.List;

/**
 * A parsed SigV4 Authorization header:
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date,
 * Signature=<64 hex>}. The signature is a secret-equivalent: toString leaves it out.
 */
record AuthorizationHeader(CredentialScope credential, List<String> signedHeaders, String signature) {

    AuthorizationHeader {
        signedHeaders = List.copyOf(signedHeaders);
    }

    @Override
    public String toString() {
        return "AuthorizationHeader[accessKeyId=" + credential.accessKeyId() + ", scope=" + credential.scope()
                + ", signedHeaders=" + signedHeaders + "]";
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
        CredentialScope scope = CredentialScope.parse(credential, AuthorizationHeader::malformed);
        if (!SigningPrimitives.isSha256Hex(signature)) {
            throw malformed("The Signature must be 64 hexadecimal digits.");
        }
        List<String> names = CanonicalRequest.signedHeaderNames(signedHeaders, AuthorizationHeader::malformed);
        return new AuthorizationHeader(scope, names, signature);
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
