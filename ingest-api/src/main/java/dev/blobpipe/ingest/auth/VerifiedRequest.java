package dev.blobpipe.ingest.auth;

/**
 * A request whose signature checked out: who sent it and how its body is to be decoded. {@code contentSha256} is the
 * x-amz-content-sha256 value; {@code signingKey}, {@code timestamp}, {@code scope} and {@code seedSignature} are
 * what streaming chunk signatures chain from (null for non-streaming modes).
 */
public record VerifiedRequest(
        String accessKeyId,
        PayloadMode payloadMode,
        String contentSha256,
        byte[] signingKey,
        String timestamp,
        String scope,
        String seedSignature) {

    /** Leaves out the signing key and the seed signature: both are secret-equivalent and must never reach a log. */
    @Override
    public String toString() {
        return "VerifiedRequest[accessKeyId=" + accessKeyId + ", payloadMode=" + payloadMode + ", scope=" + scope + "]";
    }
}
