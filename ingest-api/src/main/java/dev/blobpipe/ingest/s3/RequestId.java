package dev.blobpipe.ingest.s3;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The id of one request, sent as x-amz-request-id (16 upper-case hex digits, like S3's) and logged through the MDC,
 * with x-amz-id-2, the "host id" S3 pairs with it (base64 here, also random: we have no host token worth exposing).
 */
record RequestId(String id, String hostId) {
    static final String HEADER = "x-amz-request-id";
    static final String HOST_HEADER = "x-amz-id-2";
    static final String MDC_KEY = "requestId";

    private static final SecureRandom RANDOM = new SecureRandom();

    static RequestId next() {
        byte[] bytes = new byte[8 + 24];
        RANDOM.nextBytes(bytes);
        long id = 0;
        for (int i = 0; i < 8; i++) {
            id = id << 8 | (bytes[i] & 0xFF);
        }
        String hex = String.format(Locale.ROOT, "%016X", id);
        String host = Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, 8, bytes.length));
        return new RequestId(hex, host);
    }
}
