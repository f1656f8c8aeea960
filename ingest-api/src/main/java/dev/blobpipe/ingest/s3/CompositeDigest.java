package dev.blobpipe.ingest.s3;

import dev.blobpipe.schemas.Hex;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The digest of a multipart object as S3 builds its ETag: the digest of the parts' binary digests concatenated, not
 * of the content. MD5 gives the ETag ({@code "<hex>-N"}), SHA-256 the manifest's composite sha256Hex.
 */
final class CompositeDigest {
    private CompositeDigest() {
    }

    /** {@code algorithm} ("MD5", "SHA-256") over the binary form of each hex digest, in order; the result in hex. */
    static String of(String algorithm, List<String> partDigestsHex) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
        for (String hex : partDigestsHex) {
            digest.update(Hex.parse(hex));
        }
        return Hex.of(digest.digest());
    }
}
