package dev.blobpipe.ingest.auth;

import dev.blobpipe.ingest.s3.S3Exception;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The parsed SigV4 credential {@code AKID/20130524/us-east-1/s3/aws4_request}, as both the Authorization header and
 * the X-Amz-Credential query parameter carry it. Parsing is shared so both forms accept and refuse the same values;
 * only the S3 error differs, which the caller supplies.
 */
record CredentialScope(String accessKeyId, String date, String region, String service) {
    // compiled once: String.matches compiles its pattern on every request
    private static final Pattern DATE = Pattern.compile("[0-9]{8}");

    /** The credential scope: date/region/service/aws4_request. */
    String scope() {
        return date + "/" + region + "/" + service + "/aws4_request";
    }

    /** Parses a credential; {@code malformed} turns a reason into the exception the caller's form answers. */
    static CredentialScope parse(String credential, Function<String, S3Exception> malformed) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || parts[0].isEmpty() || parts[2].isEmpty()) {
            throw malformed.apply("The Credential must be access-key-id/date/region/s3/aws4_request.");
        }
        if (!DATE.matcher(parts[1]).matches()) {
            throw malformed.apply("The Credential date must be yyyyMMdd.");
        }
        if (!"s3".equals(parts[3])) {
            throw malformed.apply("The Credential service must be s3.");
        }
        if (!"aws4_request".equals(parts[4])) {
            throw malformed.apply("The Credential must end with aws4_request.");
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
    }
}
