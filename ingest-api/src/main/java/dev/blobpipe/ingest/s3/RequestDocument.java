package dev.blobpipe.ingest.s3;

import dev.blobpipe.ingest.auth.DecodedBody;
import dev.blobpipe.ingest.upload.BodyDigests;
import dev.blobpipe.ingest.upload.DigestExpectations;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads the XML document of a configuration request (PutBucketCors, PutObjectTagging, DeleteObjects): decoded like
 * any body, capped, and checked against its Content-MD5 or x-amz-checksum-* (header or trailer) once read to the end,
 * before anything it says is acted on. S3 requires one of the two on these operations; we check what is sent and
 * accept neither, since the SigV4 payload hash (when signed) already covers the body.
 */
final class RequestDocument {
    private RequestDocument() {
    }

    /** The document's root element, named {@code rootName}; MaxMessageLengthExceeded beyond {@code maxBytes}. */
    static XmlTree read(S3Call call, S3Backend backend, String rootName, int maxBytes) throws IOException {
        long contentLength = call.contentLength();
        if (contentLength > maxBytes) {
            throw new S3Exception(S3Error.MAX_MESSAGE_LENGTH_EXCEEDED);
        }
        var headers = new UploadHeaders(call.headers());
        DigestExpectations expectations = DigestExpectations.of(headers.contentMd5(), headers.checksum());
        String decodedHeader = call.header("x-amz-decoded-content-length");
        long decodedLength = decodedHeader != null ? headers.decodedLength() : contentLength;
        var digests = new BodyDigests(expectations.algorithm());
        try (DecodedBody body = backend.bodies().decode(call.rawBody(), call.verified(), decodedLength);
                InputStream capped = new CappedInputStream(new Digesting(body, digests), maxBytes,
                        S3Error.MAX_MESSAGE_LENGTH_EXCEEDED)) {
            XmlTree document = XmlTree.parse(capped, rootName);
            // read to the end so the payload hash, the trailer and our digests cover every byte
            capped.transferTo(OutputStream.nullOutputStream());
            digests.finish();
            expectations.verify(digests, body.trailers());
            return document;
        }
    }

    /** Feeds every byte read into the digests. */
    private static final class Digesting extends FilterInputStream {
        private final BodyDigests digests;

        Digesting(InputStream in, BodyDigests digests) {
            super(in);
            this.digests = digests;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digests.update(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                digests.update(buffer, offset, n);
            }
            return n;
        }
    }
}
