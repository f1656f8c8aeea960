package dev.blobpipe.ingest.auth;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An aws-chunked body decoded: {@code hex-size[;chunk-signature=sig]\r\n data \r\n} chunks, a zero-size chunk, trailing
 * headers, an empty line (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html,
 * sigv4-streaming-trailers.html). With signatures, each chunk is read whole into one buffer and verified before any
 * of its bytes is handed out, so unverified bytes never leave; memory is one chunk (at most {@link #MAX_CHUNK_BYTES}).
 * Unsigned chunks stream straight through. When the decoded length is known, the end (final chunk, trailer and its
 * signature) is read and checked before the last data bytes are handed out. Not thread-safe.
 */
final class AwsChunkedBody extends DecodedBody {
    /** SDKs send 8 KiB to 1 MiB chunks; anything far larger is refused rather than buffered. */
    static final int MAX_CHUNK_BYTES = 16 << 20;
    private static final int MAX_LINE_BYTES = 4096;
    private static final int MAX_TRAILERS = 32;
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private final InputStream raw;
    private final ChunkSignatureChain chain;
    private final boolean trailerAllowed;
    private final long declaredLength;
    private final MessageDigest chunkDigest;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private byte[] chunk = new byte[0];
    private int chunkPosition;
    private int chunkLimit;
    private long unsignedRemaining;
    private long decodedSoFar;
    private boolean finished;
    private S3Exception failure;

    /**
     * {@code chain} null for an unsigned stream; {@code trailerAllowed} for the -TRAILER modes; {@code declaredLength}
     * is x-amz-decoded-content-length or -1.
     */
    AwsChunkedBody(InputStream raw, ChunkSignatureChain chain, boolean trailerAllowed, long declaredLength) {
        this.raw = new BufferedInputStream(Objects.requireNonNull(raw, "raw"), 8192);
        this.chain = chain;
        this.trailerAllowed = trailerAllowed;
        this.declaredLength = declaredLength;
        this.chunkDigest = chain == null ? null : SigningPrimitives.sha256();
    }

    @Override
    public Map<String, String> trailers() {
        return Collections.unmodifiableMap(trailers);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (failure != null) {
            throw failure;
        }
        if (length == 0) {
            return 0;
        }
        try {
            return chain == null ? readUnsigned(buffer, offset, length) : readSigned(buffer, offset, length);
        } catch (S3Exception e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public int available() {
        return chunkLimit - chunkPosition;
    }

    private int readSigned(byte[] buffer, int offset, int length) throws IOException {
        while (chunkPosition == chunkLimit) {
            if (finished) {
                return -1;
            }
            loadSignedChunk();
        }
        int n = Math.min(length, chunkLimit - chunkPosition);
        System.arraycopy(chunk, chunkPosition, buffer, offset, n);
        chunkPosition += n;
        return n;
    }

    /** Reads one whole chunk, verifies its signature, and only then makes it readable. */
    private void loadSignedChunk() throws IOException {
        ChunkHeader header = readChunkHeader();
        if (header.size() == 0) {
            endOfChunks(header);
            return;
        }
        int size = (int) header.size();
        if (chunk.length < size) {
            chunk = new byte[size];
        }
        readFully(chunk, size);
        chunkDigest.update(chunk, 0, size);
        chain.verifyChunk(chunkDigest.digest(), header.signature());
        expectCrlf();
        chunkPosition = 0;
        chunkLimit = size;
        if (decodedSoFar == declaredLength) {
            readFinalChunk();
        }
    }

    private int readUnsigned(byte[] buffer, int offset, int length) throws IOException {
        while (unsignedRemaining == 0) {
            if (finished) {
                return -1;
            }
            ChunkHeader header = readChunkHeader();
            if (header.size() == 0) {
                endOfChunks(header);
            } else {
                unsignedRemaining = header.size();
            }
        }
        int n = raw.read(buffer, offset, (int) Math.min(length, unsignedRemaining));
        if (n < 0) {
            throw incomplete();
        }
        unsignedRemaining -= n;
        if (unsignedRemaining == 0) {
            expectCrlf();
            if (decodedSoFar == declaredLength) {
                readFinalChunk();
            }
        }
        return n;
    }

    /** All declared bytes are in: the next chunk must be the final one, read now so the end is checked early. */
    private void readFinalChunk() throws IOException {
        ChunkHeader header = readChunkHeader();
        if (header.size() != 0) {
            throw tooLong();
        }
        endOfChunks(header);
    }

    /** The zero-size chunk: its signature, the declared length, the trailer and its signature, then end of body. */
    private void endOfChunks(ChunkHeader finalChunk) throws IOException {
        if (chain != null) {
            chain.verifyChunk(SigningPrimitives.sha256().digest(), finalChunk.signature());
        }
        if (declaredLength >= 0 && decodedSoFar < declaredLength) {
            throw incomplete();
        }
        String trailerSignature = null;
        int count = 0;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            if (!trailerAllowed || ++count > MAX_TRAILERS) {
                throw new S3Exception(S3Error.INVALID_REQUEST, "Unexpected trailing headers in the aws-chunked body.");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new S3Exception(S3Error.INVALID_REQUEST, "Malformed trailing header in the aws-chunked body.");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (TRAILER_SIGNATURE.equals(name)) {
                trailerSignature = value;
            } else {
                trailers.put(name, value);
            }
        }
        if (chain != null && trailerAllowed) {
            // The signature covers the headers as sent; a missing one fails like a wrong one.
            chain.verifyTrailer(trailers, trailerSignature);
        } else if (trailerSignature != null) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "Unexpected trailer signature in an unsigned body.");
        }
        if (raw.read() >= 0) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "Bytes after the end of the aws-chunked body.");
        }
        finished = true;
    }

    /** {@code hex-size[;name=value]*}: the size within bounds and the declared length, and the chunk-signature. */
    private ChunkHeader readChunkHeader() throws IOException {
        String line = readLine();
        int semicolon = line.indexOf(';');
        String sizeHex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
        if (sizeHex.isEmpty() || sizeHex.length() > 8
                || !sizeHex.chars().allMatch(c -> SigningPrimitives.isHexDigit((char) c))) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "Malformed chunk size in the aws-chunked body.");
        }
        long size = Long.parseLong(sizeHex, 16);
        if (size > MAX_CHUNK_BYTES) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "aws-chunked chunks may be at most 16 MiB.");
        }
        if (declaredLength >= 0 && decodedSoFar + size > declaredLength) {
            throw tooLong();
        }
        decodedSoFar += size;
        String signature = null;
        if (semicolon >= 0) {
            for (String extension : line.substring(semicolon + 1).split(";")) {
                int eq = extension.indexOf('=');
                if (eq > 0 && extension.substring(0, eq).strip().equals("chunk-signature")) {
                    signature = extension.substring(eq + 1).strip();
                }
            }
        }
        return new ChunkHeader(size, signature);
    }

    /** One CRLF-terminated line (a bare LF is tolerated), without its terminator. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(96);
        while (true) {
            int b = raw.read();
            if (b < 0) {
                throw incomplete();
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE_BYTES) {
                throw new S3Exception(S3Error.INVALID_REQUEST, "Line too long in the aws-chunked body.");
            }
            line.append((char) b);
        }
    }

    private void expectCrlf() throws IOException {
        int cr = raw.read();
        int lf = cr < 0 ? -1 : raw.read();
        if (cr < 0 || lf < 0) {
            throw incomplete();
        }
        if (cr != '\r' || lf != '\n') {
            throw new S3Exception(S3Error.INVALID_REQUEST, "Chunk data not followed by CRLF in the aws-chunked body.");
        }
    }

    private void readFully(byte[] target, int size) throws IOException {
        int filled = 0;
        while (filled < size) {
            int n = raw.read(target, filled, size - filled);
            if (n < 0) {
                throw incomplete();
            }
            filled += n;
        }
    }

    private static S3Exception incomplete() {
        return new S3Exception(S3Error.INCOMPLETE_BODY);
    }

    private static S3Exception tooLong() {
        return new S3Exception(S3Error.INVALID_REQUEST,
                "The aws-chunked body is longer than x-amz-decoded-content-length.");
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    /** A chunk's size and its chunk-signature extension (null when absent). */
    private record ChunkHeader(long size, String signature) {
    }
}
