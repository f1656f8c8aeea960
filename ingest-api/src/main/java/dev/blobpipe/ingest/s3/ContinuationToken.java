package dev.blobpipe.ingest.s3;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The ListObjectsV2 continuation token: the last key or common prefix of the previous page, base64url-encoded so the
 * client treats it as opaque. Holding no server state, any instance can continue any listing.
 */
final class ContinuationToken {
    private ContinuationToken() {
    }

    static String encode(String lastEntry) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastEntry.getBytes(StandardCharsets.UTF_8));
    }

    /** The entry to list after. @throws S3Exception INVALID_ARGUMENT for a token this server did not issue */
    static String decode(String token) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            if (bytes.length == 0) {
                throw invalid();
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw invalid();
        }
    }

    private static S3Exception invalid() {
        return new S3Exception(S3Error.INVALID_ARGUMENT, "The continuation token provided is incorrect.");
    }
}
