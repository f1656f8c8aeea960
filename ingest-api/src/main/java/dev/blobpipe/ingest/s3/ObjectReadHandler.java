package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.ingest.upload.StoredChecksums;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;

/**
 * GetObject and HeadObject: catalog lookup, S3's headers, conditional requests, a single byte range or one part
 * ({@code ?partNumber=N}), and the bytes streamed from the blob store, extent after extent for a multipart object,
 * through one fixed buffer (never the whole object in memory).
 */
final class ObjectReadHandler {
    /** Bytes moved per write; large enough for throughput, small enough for many parallel downloads. */
    static final int BUFFER_BYTES = 64 << 10;

    /** Query parameters that override a response header (GetObject/HeadObject response-*). */
    private static final Map<String, String> RESPONSE_OVERRIDES = Map.of(
            "response-content-type", "Content-Type",
            "response-content-language", "Content-Language",
            "response-expires", "Expires",
            "response-cache-control", "Cache-Control",
            "response-content-disposition", "Content-Disposition",
            "response-content-encoding", "Content-Encoding");

    private final S3Backend backend;

    ObjectReadHandler(S3Backend backend) {
        this.backend = backend;
    }

    void get(S3Call call) throws IOException {
        StoredObject object = backend.requireObject(call.bucket(), call.key());
        ObjectManifest manifest = object.manifest();
        long size = manifest.sizeBytes();
        writeObjectHeaders(call, manifest);
        checkPreconditions(call, manifest);
        Optional<ByteRange> range = call.query().has("partNumber") ? partRange(call, object) : headerRange(call, size);
        long first = 0;
        long length = size;
        if (range.isPresent()) {
            first = range.get().first();
            length = range.get().length();
            call.status(206);
            call.responseHeader("Content-Range", range.get().contentRange(size));
        } else {
            call.status(200);
        }
        if ("ENABLED".equalsIgnoreCase(call.header("x-amz-checksum-mode"))) {
            checksumHeaders(call, object).forEach(call::responseHeader);
        }
        call.responseHeader(HttpHeader.CONTENT_LENGTH, length);
        if (call.isHead() || length == 0) {
            return;
        }
        stream(call, object.locations(), first, length);
    }

    /**
     * The checksum headers that describe the bytes of this response: the object's for the whole object (or part 1 of
     * an object uploaded whole, which is the whole object); for part N of a multipart object, the checksum part N
     * was uploaded with (of the object's algorithm, with the object's checksum type), which the SDK verifies against
     * the part's bytes. None for a Range (no stored checksum covers it), for an object without a checksum, and for
     * the parts of a copy (the catalog keeps no part checksums for it). Call after {@link #partRange(S3Call,
     * StoredObject)} has validated the part number.
     */
    private static Map<String, String> checksumHeaders(S3Call call, StoredObject object) {
        if (call.header("range") != null) {
            return Map.of();
        }
        Map<String, String> stored = object.manifest().metadata().checksums();
        if (!call.query().has("partNumber") || !object.manifest().isMultipart()) {
            return StoredChecksums.headers(stored);
        }
        // GET numbers parts by position (see partRange); with a checksum the numbers are 1..N anyway
        int position = MultipartParameters.partNumber(call.query().get("partNumber"));
        int partNumber = object.extents().get(position - 1).partNumber();
        return StoredChecksums.headers(StoredChecksums.part(stored, object.checksumsOfPart(partNumber)));
    }

    private static Optional<ByteRange> headerRange(S3Call call, long size) {
        try {
            return ByteRange.parse(call.header("range"), size);
        } catch (S3Exception unsatisfiable) {
            call.errorHeader("Content-Range", ByteRange.unsatisfiedContentRange(size));
            throw unsatisfiable;
        }
    }

    /**
     * GET/HEAD with {@code ?partNumber=N}: the bytes of the N-th part as a 206, and for a multipart object the part
     * count in x-amz-mp-parts-count (how download managers find how many parts to fetch).
     */
    private static Optional<ByteRange> partRange(S3Call call, StoredObject object) {
        int partNumber = MultipartParameters.partNumber(call.query().get("partNumber"));
        if (call.header("range") != null) {
            throw new S3Exception(S3Error.INVALID_REQUEST,
                    "Cannot specify both Range header and partNumber query parameter");
        }
        if (object.manifest().isMultipart()) {
            call.responseHeader("x-amz-mp-parts-count", Integer.toString(object.manifest().partCount()));
        }
        return partRange(object, partNumber);
    }

    /**
     * Where part {@code partNumber} lies in the object: the N-th of its extents in order (as S3 numbers them on
     * GET: 1..x-amz-mp-parts-count, whatever numbers the parts were uploaded under); an object uploaded whole is its
     * own part 1. Empty for an empty part, which is served whole (no range can describe it). Throws InvalidPartNumber
     * beyond the last part.
     */
    static Optional<ByteRange> partRange(StoredObject object, int partNumber) {
        List<ObjectLocation> locations = object.locations();
        if (partNumber > locations.size()) {
            throw new S3Exception(S3Error.INVALID_PART_NUMBER);
        }
        long first = 0;
        for (int i = 0; i < partNumber - 1; i++) {
            first += locations.get(i).lengthBytes();
        }
        long length = locations.get(partNumber - 1).lengthBytes();
        return length == 0 ? Optional.empty() : Optional.of(new ByteRange(first, first + length - 1));
    }

    private static void writeObjectHeaders(S3Call call, ObjectManifest manifest) {
        ObjectMetadata metadata = manifest.metadata();
        call.responseHeader("ETag", manifest.etag());
        call.responseHeader("Last-Modified", HttpDates.format(manifest.lastModified()));
        call.responseHeader("Accept-Ranges", "bytes");
        call.responseHeader("Content-Type",
                metadata.contentType() == null ? UploadHeaders.DEFAULT_CONTENT_TYPE : metadata.contentType());
        call.responseHeader("Content-Encoding", metadata.contentEncoding());
        call.responseHeader("Content-Disposition", metadata.contentDisposition());
        call.responseHeader("Cache-Control", metadata.cacheControl());
        call.responseHeader("Expires", metadata.expires());
        metadata.userMetadata().forEach((name, value) -> call.responseHeader("x-amz-meta-" + name, value));
        if (!metadata.tags().isEmpty()) {
            // S3 sends the count only, and only when there are tags; GetObjectTagging gives the tags themselves
            call.responseHeader("x-amz-tagging-count", Integer.toString(metadata.tags().size()));
        }
        RESPONSE_OVERRIDES.forEach((parameter, header) -> call.responseHeader(header, call.query().get(parameter)));
    }

    /**
     * If-Match, If-Unmodified-Since (412) and If-None-Match, If-Modified-Since (304) in RFC 9110's order, which is the
     * one S3 documents: a date condition only counts when its ETag partner is absent.
     */
    private static void checkPreconditions(S3Call call, ObjectManifest manifest) {
        Instant modified = manifest.lastModified().truncatedTo(ChronoUnit.SECONDS);
        String ifMatch = call.header("if-match");
        if (ifMatch != null) {
            if (!etagMatches(ifMatch, unquoted(manifest.etag()))) {
                throw new S3Exception(S3Error.PRECONDITION_FAILED);
            }
        } else if (HttpDates.parse(call.header("if-unmodified-since")).filter(modified::isAfter).isPresent()) {
            throw new S3Exception(S3Error.PRECONDITION_FAILED);
        }
        String ifNoneMatch = call.header("if-none-match");
        boolean notModified = ifNoneMatch != null
                ? etagMatches(ifNoneMatch, unquoted(manifest.etag()))
                : HttpDates.parse(call.header("if-modified-since")).filter(since -> !modified.isAfter(since))
                        .isPresent();
        if (notModified) {
            call.errorHeader("ETag", manifest.etag());
            call.errorHeader("Last-Modified", HttpDates.format(manifest.lastModified()));
            throw new S3Exception(S3Error.NOT_MODIFIED);
        }
    }

    /** The ETag without its quotes: the MD5 in hex, with "-N" for a multipart object. */
    static String unquoted(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }

    /** Whether an If-Match/If-None-Match list ("*", or quoted, possibly weak, ETags) names this object's ETag. */
    static boolean etagMatches(String header, String unquotedEtag) {
        for (String candidate : header.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equalsIgnoreCase(unquotedEtag)) {
                return true;
            }
        }
        return false;
    }

    private void stream(S3Call call, List<ObjectLocation> locations, long first, long length) throws IOException {
        try (InputStream in = new ObjectBytes(backend.blobs(), BlobSlice.cover(locations, first, length))) {
            // Not in try-with-resources: closing the response stream sends its end, which after a failed read
            // would tell the client a truncated body is complete. On failure the pipeline aborts the connection.
            OutputStream out = call.openBody();
            byte[] buffer = new byte[BUFFER_BYTES];
            long remaining = length;
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new EOFException("object ended " + remaining + " bytes early");
                }
                out.write(buffer, 0, n);
                remaining -= n;
            }
            out.close();
        }
    }
}
