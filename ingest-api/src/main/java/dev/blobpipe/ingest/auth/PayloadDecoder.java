package dev.blobpipe.ingest.auth;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.io.InputStream;
import java.util.Objects;

/** Decodes a request body according to its payload mode. */
public final class PayloadDecoder {
    private PayloadDecoder() {
    }

    /**
     * The decoded body of a verified request. {@code decodedLength} is x-amz-decoded-content-length for aws-chunked
     * bodies, else Content-Length; -1 when unknown. Read it to -1: the SHA-256, the end of an aws-chunked body and the
     * trailer are checked by the read that reaches the end (or, with a known length, by the read of its last bytes).
     * Content-Encoding and whole-object checksums (the trailer values) are the caller's.
     */
    public static DecodedBody decode(InputStream raw, VerifiedRequest verified, long decodedLength) {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(verified, "verified");
        if (decodedLength < -1) {
            throw new IllegalArgumentException("decodedLength must be -1 (unknown) or >= 0");
        }
        switch (verified.payloadMode()) {
            case SIGNED:
                return new PassThroughBody(raw, verified.contentSha256(), decodedLength);
            case UNSIGNED:
                return new PassThroughBody(raw, null, decodedLength);
            case STREAMING_SIGNED:
                return new AwsChunkedBody(raw, chain(verified), false, decodedLength);
            case STREAMING_SIGNED_TRAILER:
                return new AwsChunkedBody(raw, chain(verified), true, decodedLength);
            case STREAMING_UNSIGNED_TRAILER:
                return new AwsChunkedBody(raw, null, true, decodedLength);
            default:
                throw new IllegalStateException("unknown payload mode " + verified.payloadMode());
        }
    }

    private static ChunkSignatureChain chain(VerifiedRequest verified) {
        if (verified.signingKey() == null || verified.timestamp() == null || verified.scope() == null
                || verified.seedSignature() == null) {
            throw new IllegalArgumentException("a signed streaming request needs its signing key, timestamp, scope "
                    + "and seed signature");
        }
        return new ChunkSignatureChain(verified.signingKey(), verified.timestamp(), verified.scope(),
                verified.seedSignature());
    }
}
