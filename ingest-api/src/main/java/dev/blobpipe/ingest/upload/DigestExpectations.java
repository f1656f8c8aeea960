package dev.blobpipe.ingest.upload;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.util.Base64;
import java.util.Map;

/**
 * What a body must hash to: Content-MD5 and the additional checksum, parsed before the first byte is read (so a
 * malformed header costs no chunk) and checked against {@link BodyDigests} after the last.
 */
public final class DigestExpectations {
    private final byte[] md5;
    private final ExpectedChecksum checksum;
    private final byte[] checksumValue;

    private DigestExpectations(byte[] md5, ExpectedChecksum checksum, byte[] checksumValue) {
        this.md5 = md5;
        this.checksum = checksum;
        this.checksumValue = checksumValue;
    }

    /** Throws InvalidDigest for a Content-MD5 that is not base64 of 16 bytes, InvalidRequest for a bad checksum value. */
    static DigestExpectations of(UploadRequest request) {
        return of(request.contentMd5Base64(), request.checksum());
    }

    /** The same for a body that is not an upload (a configuration document); either argument may be null. */
    public static DigestExpectations of(String contentMd5Base64, ExpectedChecksum checksum) {
        byte[] md5 = null;
        if (contentMd5Base64 != null) {
            md5 = decode(contentMd5Base64, 16);
            if (md5 == null) {
                throw new S3Exception(S3Error.INVALID_DIGEST);
            }
        }
        byte[] checksumValue = null;
        if (checksum != null && checksum.verified() && !checksum.inTrailer()) {
            checksumValue = requireChecksumValue(checksum.algorithm(), checksum.base64Value());
        }
        return new DigestExpectations(md5, checksum, checksumValue);
    }

    /** The algorithm to compute beside MD5 and SHA-256, or null. */
    public ChecksumAlgorithm algorithm() {
        return checksum == null ? null : checksum.algorithm();
    }

    /**
     * Checks the finished digests; {@code trailers} are the body's, complete now that it returned EOF. Throws
     * BadDigest on a mismatch, InvalidRequest when a promised trailer is missing or malformed.
     */
    public void verify(BodyDigests digests, Map<String, String> trailers) {
        if (md5 != null && !digests.md5Matches(md5)) {
            throw new S3Exception(S3Error.BAD_DIGEST);
        }
        if (checksum == null || !checksum.verified()) {
            return;
        }
        ChecksumAlgorithm algorithm = checksum.algorithm();
        byte[] expected = checksumValue;
        if (expected == null) {
            String trailer = trailers == null ? null : trailers.get(algorithm.headerName());
            if (trailer == null) {
                throw new S3Exception(S3Error.INVALID_REQUEST,
                        "The trailer " + algorithm.headerName() + " announced in x-amz-trailer is missing.");
            }
            expected = requireChecksumValue(algorithm, trailer);
        }
        if (!digests.checksumMatches(expected)) {
            throw new S3Exception(S3Error.BAD_DIGEST,
                    "The " + algorithm.name() + " you specified did not match the calculated checksum.");
        }
    }

    private static byte[] requireChecksumValue(ChecksumAlgorithm algorithm, String base64) {
        byte[] value = decode(base64, algorithm.digestLength());
        if (value == null) {
            throw new S3Exception(S3Error.INVALID_REQUEST,
                    "Value for " + algorithm.headerName() + " header is invalid.");
        }
        return value;
    }

    /** The decoded bytes, or null when the text is not base64 of exactly {@code length} bytes. */
    private static byte[] decode(String base64, int length) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64.trim());
            return bytes.length == length ? bytes : null;
        } catch (IllegalArgumentException e) {
            // not base64 at all: the caller answers with the S3 error for a malformed value
            return null;
        }
    }
}
