package dev.blobpipe.ingest.auth;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;

/**
 * The chained signatures of an aws-chunked body: each chunk's signature covers the previous one, starting from the
 * request's seed signature, so chunks can be neither altered, dropped nor reordered
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html and sigv4-streaming-trailers.html).
 * Not thread-safe: owned by the one body that reads the chunks.
 */
final class ChunkSignatureChain {
    private static final String CHUNK_ALGORITHM = "AWS4-HMAC-SHA256-PAYLOAD";
    private static final String TRAILER_ALGORITHM = "AWS4-HMAC-SHA256-TRAILER";

    private final Mac mac;
    private final String prefix;
    private final String trailerPrefix;
    private String previousSignature;

    ChunkSignatureChain(byte[] signingKey, String timestamp, String scope, String seedSignature) {
        this.mac = SigningPrimitives.hmac(signingKey);
        this.prefix = CHUNK_ALGORITHM + "\n" + timestamp + "\n" + scope + "\n";
        this.trailerPrefix = TRAILER_ALGORITHM + "\n" + timestamp + "\n" + scope + "\n";
        this.previousSignature = seedSignature;
    }

    /**
     * Checks the signature of the next chunk, given the SHA-256 of its data; advances the chain. String-to-sign:
     * AWS4-HMAC-SHA256-PAYLOAD, timestamp, scope, previous signature, hex(sha256("")), hex(sha256(chunk data)).
     */
    void verifyChunk(byte[] chunkSha256, String claimedSignature) {
        String stringToSign = prefix + previousSignature + "\n" + SigningPrimitives.EMPTY_SHA256 + "\n"
                + SigningPrimitives.hex(chunkSha256);
        previousSignature = check(stringToSign, claimedSignature);
    }

    /**
     * Checks the trailer signature over the trailing headers (signature excluded). String-to-sign:
     * AWS4-HMAC-SHA256-TRAILER, timestamp, scope, previous (final chunk's) signature, hex(sha256(canonical
     * trailers)), where the canonical trailers are "name:value\n" per header sorted by name, exactly as the AWS SDK's
     * SigV4TrailerProvider builds them (its canonical-headers form).
     */
    void verifyTrailer(Map<String, String> trailers, String claimedSignature) {
        StringBuilder canonical = new StringBuilder();
        for (Map.Entry<String, String> trailer : new TreeMap<>(trailers).entrySet()) {
            canonical.append(trailer.getKey()).append(':')
                    .append(CanonicalRequest.canonicalHeaderValue(List.of(trailer.getValue())))
                    .append('\n');
        }
        String stringToSign = trailerPrefix + previousSignature + "\n"
                + SigningPrimitives.sha256Hex(canonical.toString());
        previousSignature = check(stringToSign, claimedSignature);
    }

    private String check(String stringToSign, String claimedSignature) {
        String expected = SigningPrimitives.hex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        if (claimedSignature == null || !SigningPrimitives.sameSignature(expected, claimedSignature)) {
            throw new S3Exception(S3Error.SIGNATURE_DOES_NOT_MATCH);
        }
        return expected;
    }
}
