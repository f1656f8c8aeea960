package dev.blobpipe.ingest.auth;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A body sent as is (UNSIGNED-PAYLOAD or a hex SHA-256), passed through without copying. With a SHA-256 it is hashed
 * on the way and checked before the last byte is handed out, so a reader that stops after the declared length (without
 * reading -1) never gets a whole unverified body. Not thread-safe.
 */
final class PassThroughBody extends DecodedBody {
    private final InputStream raw;
    private final MessageDigest digest;
    private final String expectedSha256;
    private final long declaredLength;
    private long received;
    private boolean finished;
    private S3Exception failure;

    /** {@code expectedSha256} null for an unsigned payload; {@code declaredLength} -1 when unknown. */
    PassThroughBody(InputStream raw, String expectedSha256, long declaredLength) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.expectedSha256 = expectedSha256 == null ? null : expectedSha256.toLowerCase(Locale.ROOT);
        this.digest = expectedSha256 == null ? null : SigningPrimitives.sha256();
        this.declaredLength = declaredLength;
    }

    @Override
    public Map<String, String> trailers() {
        return Map.of();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (failure != null) {
            throw failure;
        }
        try {
            return readChecked(buffer, offset, length);
        } catch (S3Exception e) {
            failure = e;
            throw e;
        }
    }

    private int readChecked(byte[] buffer, int offset, int length) throws IOException {
        if (finished) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int wanted = declaredLength < 0 ? length : (int) Math.min(length, declaredLength - received);
        if (wanted == 0) {
            finish();
            return -1;
        }
        int n = raw.read(buffer, offset, wanted);
        if (n < 0) {
            if (declaredLength >= 0) {
                throw new S3Exception(S3Error.INCOMPLETE_BODY);
            }
            finish();
            return -1;
        }
        received += n;
        if (digest != null) {
            digest.update(buffer, offset, n);
        }
        if (declaredLength >= 0 && received == declaredLength) {
            finish();
        }
        return n;
    }

    /** The end: no byte past the declared length, and the SHA-256 the client signed. */
    private void finish() throws IOException {
        if (declaredLength >= 0 && raw.read() >= 0) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "The body is longer than its declared length.");
        }
        finished = true;
        if (digest != null && !MessageDigest.isEqual(
                SigningPrimitives.hex(digest.digest()).getBytes(StandardCharsets.US_ASCII),
                expectedSha256.getBytes(StandardCharsets.US_ASCII))) {
            throw new S3Exception(S3Error.X_AMZ_CONTENT_SHA256_MISMATCH);
        }
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
