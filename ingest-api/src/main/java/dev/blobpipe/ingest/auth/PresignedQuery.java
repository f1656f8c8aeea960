package dev.blobpipe.ingest.auth;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parsed X-Amz-* parameters of a presigned URL (query-string SigV4,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html). The signature is a
 * secret-equivalent: toString leaves it out.
 */
record PresignedQuery(CredentialScope credential, String timestamp, Instant requestTime, Duration expires,
        List<String> signedHeaders, String signature, boolean hasSecurityToken) {
    static final String ALGORITHM = "X-Amz-Algorithm";
    static final String CREDENTIAL = "X-Amz-Credential";
    static final String DATE = "X-Amz-Date";
    static final String EXPIRES = "X-Amz-Expires";
    static final String SIGNED_HEADERS = "X-Amz-SignedHeaders";
    static final String SIGNATURE = "X-Amz-Signature";
    static final String SECURITY_TOKEN = "X-Amz-Security-Token";
    /** S3's upper bound for X-Amz-Expires: seven days. */
    static final long MAX_EXPIRES_SECONDS = 604_800;
    // compiled once: String.matches compiles its pattern on every request
    private static final Pattern EXPIRES_VALUE = Pattern.compile("-?[0-9]{1,19}");
    private static final Set<String> NAMES =
            Set.of(ALGORITHM, CREDENTIAL, DATE, EXPIRES, SIGNED_HEADERS, SIGNATURE, SECURITY_TOKEN);

    PresignedQuery {
        signedHeaders = List.copyOf(signedHeaders);
    }

    @Override
    public String toString() {
        return "PresignedQuery[accessKeyId=" + credential.accessKeyId() + ", scope=" + credential.scope()
                + ", timestamp=" + timestamp + ", expires=" + expires + ", signedHeaders=" + signedHeaders + "]";
    }

    /** Parses the authentication parameters of a raw query; throws S3Exception with the code S3 answers. */
    static PresignedQuery parse(String rawQuery) {
        Map<String, String> params = authenticationParameters(rawQuery);
        for (String required : List.of(ALGORITHM, CREDENTIAL, SIGNATURE, DATE, SIGNED_HEADERS, EXPIRES)) {
            if (!params.containsKey(required)) {
                // S3's wording
                throw malformed("Query-string authentication version 4 requires the X-Amz-Algorithm, "
                        + "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires "
                        + "parameters.");
            }
        }
        if (!SigningPrimitives.ALGORITHM.equals(params.get(ALGORITHM))) {
            throw malformed("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\".");
        }
        CredentialScope credential = CredentialScope.parse(params.get(CREDENTIAL),
                reason -> malformed("Error parsing the X-Amz-Credential parameter. " + reason));
        String timestamp = params.get(DATE);
        Instant requestTime;
        try {
            requestTime = SigV4Verifier.AMZ_DATE.parse(timestamp, Instant::from);
        } catch (DateTimeParseException e) {
            throw malformed("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\".");
        }
        if (!timestamp.startsWith(credential.date())) {
            throw malformed("Invalid credential date. Date is not the same as X-Amz-Date.");
        }
        Duration expires = Duration.ofSeconds(expiresSeconds(params.get(EXPIRES)));
        List<String> signedHeaders = CanonicalRequest.signedHeaderNames(params.get(SIGNED_HEADERS),
                PresignedQuery::malformed);
        String signature = params.get(SIGNATURE);
        if (!SigningPrimitives.isSha256Hex(signature)) {
            throw malformed("X-Amz-Signature must be 64 hexadecimal digits.");
        }
        return new PresignedQuery(credential, timestamp, requestTime, expires, signedHeaders, signature,
                params.containsKey(SECURITY_TOKEN));
    }

    /** True when the raw query carries X-Amz-Algorithm, the marker of query-string SigV4. */
    static boolean isPresigned(String rawQuery) {
        return hasParameter(rawQuery, ALGORITHM);
    }

    /** True when the raw query has a parameter of that (decoded) name. */
    static boolean hasParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return false;
        }
        for (String param : rawQuery.split("&")) {
            int eq = param.indexOf('=');
            if (CanonicalRequest.decodeQueryValue(eq < 0 ? param : param.substring(0, eq)).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The X-Amz-* authentication parameters, decoded. A repeated one is refused: the signature covers every copy,
     * but the verifier and the router could each read a different one.
     */
    private static Map<String, String> authenticationParameters(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        for (String param : rawQuery.split("&")) {
            int eq = param.indexOf('=');
            String name = CanonicalRequest.decodeQueryValue(eq < 0 ? param : param.substring(0, eq));
            if (NAMES.contains(name)) {
                String value = eq < 0 ? "" : CanonicalRequest.decodeQueryValue(param.substring(eq + 1));
                if (params.putIfAbsent(name, value) != null) {
                    throw malformed("The query-string authentication parameter " + name + " is repeated.");
                }
            }
        }
        return params;
    }

    private static long expiresSeconds(String value) {
        if (!EXPIRES_VALUE.matcher(value).matches()) {
            throw malformed("X-Amz-Expires should be a number.");
        }
        long seconds;
        try {
            seconds = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw malformed("X-Amz-Expires should be a number.");
        }
        if (seconds < 0) {
            throw malformed("X-Amz-Expires must be non-negative.");
        }
        if (seconds == 0) {
            // a URL valid for no time at all is a client bug; say so rather than answer "expired"
            throw malformed("X-Amz-Expires must be at least 1 second.");
        }
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw malformed("X-Amz-Expires must be less than a week (in seconds) that is; the maximum expires is "
                    + MAX_EXPIRES_SECONDS + " seconds.");
        }
        return seconds;
    }

    private static S3Exception malformed(String message) {
        return new S3Exception(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR, message);
    }
}
