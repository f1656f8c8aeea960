package dev.blobpipe.ingest.auth;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one AWS Signature Version 4 verifier (header authentication,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html). Stateless and thread-safe.
 *
 * <p>It never logs secrets, signatures, the Authorization header or the string-to-sign: a mismatch logs only the
 * access key id.
 */
public final class SigV4Verifier {
    private static final Logger log = LoggerFactory.getLogger(SigV4Verifier.class);
    /** S3 refuses requests whose time is further than this from its own clock. */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final CredentialStore credentials;
    private final Clock clock;

    public SigV4Verifier(CredentialStore credentials, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Checks the Authorization header; throws S3Exception with the S3 code on any failure. */
    public VerifiedRequest verify(SignedRequest request) {
        String authorization = request.header("authorization");
        if (hasQueryParameter(request.rawQuery(), "X-Amz-Algorithm")) {
            if (authorization != null) {
                throw new S3Exception(S3Error.INVALID_ARGUMENT, "Only one auth mechanism allowed; only the "
                        + "X-Amz-Algorithm query parameter or the Authorization header should be specified");
            }
            // TODO presigned URLs (query-string SigV4) are a later issue.
            throw new S3Exception(S3Error.NOT_IMPLEMENTED, "Query-string (presigned) authentication is not supported.");
        }
        if (authorization == null) {
            throw new S3Exception(S3Error.ACCESS_DENIED, "Anonymous access is not supported.");
        }
        AuthorizationHeader header = AuthorizationHeader.parse(authorization);
        if (!header.signedHeaders().contains("host")) {
            throw new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED, "SignedHeaders must include host.");
        }
        Optional<String> secretKey = credentials.secretKey(header.accessKeyId());
        if (secretKey.isEmpty()) {
            throw new S3Exception(S3Error.INVALID_ACCESS_KEY_ID);
        }
        String timestamp = requestTimestamp(request);
        if (!timestamp.startsWith(header.date())) {
            throw new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED,
                    "Invalid credential date. Date is not the same as X-Amz-Date.");
        }
        Instant requestTime = AMZ_DATE.parse(timestamp, Instant::from);
        if (Duration.between(requestTime, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
            throw new S3Exception(S3Error.REQUEST_TIME_TOO_SKEWED);
        }
        String contentSha256 = request.header("x-amz-content-sha256");
        PayloadMode mode = payloadMode(contentSha256);

        byte[] signingKey = SigningPrimitives.signingKey(secretKey.get(), header.date(), header.region(),
                header.service());
        String scope = header.scope();
        String canonicalUri = CanonicalRequest.canonicalUri(request.rawPath());
        boolean matches = signatureMatches(request, header, canonicalUri, contentSha256, timestamp, scope, signingKey);
        if (!matches) {
            String decodedUri = CanonicalRequest.decodedCanonicalUri(request.rawPath());
            matches = !decodedUri.equals(canonicalUri)
                    && signatureMatches(request, header, decodedUri, contentSha256, timestamp, scope, signingKey);
        }
        if (!matches) {
            log.debug("signature mismatch accessKeyId={}", header.accessKeyId());
            throw new S3Exception(S3Error.SIGNATURE_DOES_NOT_MATCH);
        }
        boolean signedStream = mode == PayloadMode.STREAMING_SIGNED || mode == PayloadMode.STREAMING_SIGNED_TRAILER;
        return new VerifiedRequest(header.accessKeyId(), mode, contentSha256,
                signedStream ? signingKey : null,
                signedStream ? timestamp : null,
                signedStream ? scope : null,
                signedStream ? header.signature().toLowerCase(Locale.ROOT) : null);
    }

    private static boolean signatureMatches(SignedRequest request, AuthorizationHeader header, String canonicalUri,
            String payloadHash, String timestamp, String scope, byte[] signingKey) {
        String canonical = CanonicalRequest.of(request.method(), canonicalUri, request.rawQuery(), request.headers(),
                header.signedHeaders(), payloadHash);
        String stringToSign = SigningPrimitives.ALGORITHM + "\n" + timestamp + "\n" + scope + "\n"
                + SigningPrimitives.sha256Hex(canonical);
        String expected = SigningPrimitives.hex(SigningPrimitives.hmac(signingKey, stringToSign));
        return SigningPrimitives.sameSignature(expected, header.signature());
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
            case "UNSIGNED-PAYLOAD":
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

    private static boolean hasQueryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return false;
        }
        for (String param : rawQuery.split("&")) {
            int eq = param.indexOf('=');
            if ((eq < 0 ? param : param.substring(0, eq)).equals(name)) {
                return true;
            }
        }
        return false;
    }
}
