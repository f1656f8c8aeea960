package dev.blobpipe.ingest.auth;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one AWS Signature Version 4 verifier, for header authentication
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html) and query-string authentication
 * (presigned URLs, https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html): both build the
 * same canonical request. Stateless and thread-safe.
 *
 * <p>It never logs secrets, signatures, the Authorization header, presigned query strings or the string-to-sign: a
 * mismatch logs only the access key id.
 */
public final class SigV4Verifier {
    private static final Logger log = LoggerFactory.getLogger(SigV4Verifier.class);
    /** S3 refuses requests whose time is further than this from its own clock. */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final CredentialStore credentials;
    private final Clock clock;

    public SigV4Verifier(CredentialStore credentials, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks the request's signature, from the Authorization header or from the query (presigned URL); throws
     * S3Exception with the S3 code on any failure.
     */
    public VerifiedRequest verify(SignedRequest request) {
        String authorization = request.header("authorization");
        if (PresignedQuery.isPresigned(request.rawQuery())) {
            if (authorization != null) {
                throw new S3Exception(S3Error.INVALID_ARGUMENT, "Only one auth mechanism allowed; only the "
                        + "X-Amz-Algorithm query parameter or the Authorization header should be specified");
            }
            return verifyQuery(request);
        }
        if (authorization == null) {
            if (PresignedQuery.hasParameter(request.rawQuery(), "AWSAccessKeyId")) {
                // a Signature Version 2 presigned URL: the answer S3 gives for V2 in the header too
                throw new S3Exception(S3Error.INVALID_REQUEST, "The authorization mechanism you have provided is "
                        + "not supported. Please use AWS4-HMAC-SHA256.");
            }
            throw new S3Exception(S3Error.ACCESS_DENIED, "Anonymous access is not supported.");
        }
        return verifyHeader(request, AuthorizationHeader.parse(authorization));
    }

    private VerifiedRequest verifyHeader(SignedRequest request, AuthorizationHeader header) {
        CredentialScope credential = header.credential();
        if (!header.signedHeaders().contains("host")) {
            throw new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED, "SignedHeaders must include host.");
        }
        refuseSecurityToken(request.header("x-amz-security-token") != null);
        String secretKey = secretKey(credential);
        String timestamp = requestTimestamp(request);
        if (!timestamp.startsWith(credential.date())) {
            throw new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED,
                    "Invalid credential date. Date is not the same as X-Amz-Date.");
        }
        Instant requestTime = AMZ_DATE.parse(timestamp, Instant::from);
        if (Duration.between(requestTime, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
            throw new S3Exception(S3Error.REQUEST_TIME_TOO_SKEWED);
        }
        String contentSha256 = request.header("x-amz-content-sha256");
        PayloadMode mode = payloadMode(contentSha256);

        byte[] signingKey = signingKey(secretKey, credential);
        String canonicalQuery = CanonicalRequest.canonicalQuery(request.rawQuery());
        if (!signatureMatches(request, canonicalQuery, header.signedHeaders(), contentSha256, timestamp,
                credential.scope(), signingKey, header.signature())) {
            log.debug("signature mismatch accessKeyId={}", credential.accessKeyId());
            throw new S3Exception(S3Error.SIGNATURE_DOES_NOT_MATCH);
        }
        boolean signedStream = mode == PayloadMode.STREAMING_SIGNED || mode == PayloadMode.STREAMING_SIGNED_TRAILER;
        return new VerifiedRequest(credential.accessKeyId(), mode, contentSha256,
                signedStream ? signingKey : null,
                signedStream ? timestamp : null,
                signedStream ? credential.scope() : null,
                signedStream ? header.signature().toLowerCase(Locale.ROOT) : null);
    }

    /**
     * Query-string authentication: the canonical request signs the query without X-Amz-Signature and, unless the
     * client signed an x-amz-content-sha256 header, the payload hash UNSIGNED-PAYLOAD. The URL is valid from
     * X-Amz-Date (less the usual skew) until X-Amz-Date + X-Amz-Expires, with no skew allowance at the end, as S3.
     */
    private VerifiedRequest verifyQuery(SignedRequest request) {
        PresignedQuery query = PresignedQuery.parse(request.rawQuery());
        CredentialScope credential = query.credential();
        if (!query.signedHeaders().contains("host")) {
            throw new S3Exception(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "X-Amz-SignedHeaders must include host.");
        }
        refuseSecurityToken(query.hasSecurityToken());
        for (String name : request.headers().keySet()) {
            // whoever holds the URL must not add what its issuer did not sign (metadata, ACLs, checksums)
            if (name.startsWith("x-amz-") && !query.signedHeaders().contains(name)) {
                throw new S3Exception(S3Error.ACCESS_DENIED,
                        "There were headers present in the request which were not signed");
            }
        }
        String secretKey = secretKey(credential);
        Instant now = clock.instant();
        if (query.requestTime().isAfter(now.plus(MAX_SKEW))) {
            throw new S3Exception(S3Error.ACCESS_DENIED, "Request is not valid yet");
        }
        if (now.isAfter(query.requestTime().plus(query.expires()))) {
            throw new S3Exception(S3Error.ACCESS_DENIED, "Request has expired");
        }
        // signed by the check above whenever present
        String contentSha256 = request.header("x-amz-content-sha256");
        String payloadHash = contentSha256 == null ? UNSIGNED_PAYLOAD : contentSha256;
        PayloadMode mode = payloadMode(payloadHash);
        if (mode == PayloadMode.STREAMING_SIGNED || mode == PayloadMode.STREAMING_SIGNED_TRAILER) {
            // chunk signatures chain from a seed that only header authentication defines
            throw new S3Exception(S3Error.NOT_IMPLEMENTED,
                    "Signed aws-chunked bodies are not supported with query-string authentication.");
        }

        byte[] signingKey = signingKey(secretKey, credential);
        String canonicalQuery = CanonicalRequest.canonicalQuery(request.rawQuery(), PresignedQuery.SIGNATURE);
        if (!signatureMatches(request, canonicalQuery, query.signedHeaders(), payloadHash, query.timestamp(),
                credential.scope(), signingKey, query.signature())) {
            log.debug("presigned signature mismatch accessKeyId={}", credential.accessKeyId());
            throw new S3Exception(S3Error.SIGNATURE_DOES_NOT_MATCH);
        }
        return new VerifiedRequest(credential.accessKeyId(), mode, payloadHash, null, null, null, null);
    }

    /**
     * We have no security token service, so a session token cannot be checked; refusing beats ignoring it, since
     * its holder expects the temporary credential's limits (expiry, policy) to apply.
     */
    private static void refuseSecurityToken(boolean present) {
        if (present) {
            throw new S3Exception(S3Error.ACCESS_DENIED,
                    "Temporary security credentials (security tokens) are not supported; sign with an access key.");
        }
    }

    private String secretKey(CredentialScope credential) {
        Optional<String> secretKey = credentials.secretKey(credential.accessKeyId());
        if (secretKey.isEmpty()) {
            throw new S3Exception(S3Error.INVALID_ACCESS_KEY_ID);
        }
        return secretKey.get();
    }

    private static byte[] signingKey(String secretKey, CredentialScope credential) {
        return SigningPrimitives.signingKey(secretKey, credential.date(), credential.region(), credential.service());
    }

    /**
     * Compares the signature against the raw path normalised in place, then (only if that differs) against AWS's
     * decode-and-re-encode form (see {@link CanonicalRequest#decodedCanonicalUri}).
     */
    private static boolean signatureMatches(SignedRequest request, String canonicalQuery, List<String> signedHeaders,
            String payloadHash, String timestamp, String scope, byte[] signingKey, String signature) {
        String canonicalUri = CanonicalRequest.canonicalUri(request.rawPath());
        if (signatureMatches(request, canonicalUri, canonicalQuery, signedHeaders, payloadHash, timestamp, scope,
                signingKey, signature)) {
            return true;
        }
        String decodedUri = CanonicalRequest.decodedCanonicalUri(request.rawPath());
        return !decodedUri.equals(canonicalUri) && signatureMatches(request, decodedUri, canonicalQuery,
                signedHeaders, payloadHash, timestamp, scope, signingKey, signature);
    }

    private static boolean signatureMatches(SignedRequest request, String canonicalUri, String canonicalQuery,
            List<String> signedHeaders, String payloadHash, String timestamp, String scope, byte[] signingKey,
            String signature) {
        String canonical = CanonicalRequest.of(request.method(), canonicalUri, canonicalQuery, request.headers(),
                signedHeaders, payloadHash);
        String stringToSign = SigningPrimitives.ALGORITHM + "\n" + timestamp + "\n" + scope + "\n"
                + SigningPrimitives.sha256Hex(canonical);
        String expected = SigningPrimitives.hex(SigningPrimitives.hmac(signingKey, stringToSign));
        return SigningPrimitives.sameSignature(expected, signature);
    }

    /**
     * x-amz-date in ISO 8601 basic form, else the Date header converted to it (the string-to-sign always carries the
     * basic form). S3 answers AccessDenied when neither is usable.
     */
    private static String requestTimestamp(SignedRequest request) {
        String amzDate = request.header("x-amz-date");
        try {
            if (amzDate != null) {
                String value = amzDate.strip();
                AMZ_DATE.parse(value);
                return value;
            }
            String date = request.header("date");
            if (date != null) {
                Instant instant = DateTimeFormatter.RFC_1123_DATE_TIME.parse(date.strip(), Instant::from);
                return AMZ_DATE.format(instant);
            }
        } catch (DateTimeParseException e) {
            // Falls through to the answer S3 gives for an unusable date; the exception carries nothing to add.
        }
        throw new S3Exception(S3Error.ACCESS_DENIED, "AWS authentication requires a valid Date or x-amz-date header");
    }

    /** The payload mode an x-amz-content-sha256 value selects; S3's answers for a missing or unknown value. */
    static PayloadMode payloadMode(String contentSha256) {
        if (contentSha256 == null) {
            throw new S3Exception(S3Error.INVALID_REQUEST,
                    "Missing required header for this request: x-amz-content-sha256");
        }
        switch (contentSha256) {
            case UNSIGNED_PAYLOAD:
                return PayloadMode.UNSIGNED;
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD":
                return PayloadMode.STREAMING_SIGNED;
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER":
                return PayloadMode.STREAMING_SIGNED_TRAILER;
            case "STREAMING-UNSIGNED-PAYLOAD-TRAILER":
                return PayloadMode.STREAMING_UNSIGNED_TRAILER;
            case "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD":
            case "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER":
                throw new S3Exception(S3Error.NOT_IMPLEMENTED, "SigV4a streaming payloads are not supported.");
            default:
                if (SigningPrimitives.isSha256Hex(contentSha256)) {
                    return PayloadMode.SIGNED;
                }
                throw new S3Exception(S3Error.INVALID_ARGUMENT, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, "
                        + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, "
                        + "STREAMING-UNSIGNED-PAYLOAD-TRAILER or a valid sha256 value.");
        }
    }
}
