package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.MultipartUpload;
import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.ingest.auth.DecodedBody;
import dev.blobpipe.ingest.auth.PlainBody;
import dev.blobpipe.ingest.upload.ChecksumAlgorithm;
import dev.blobpipe.ingest.upload.ExpectedChecksum;
import dev.blobpipe.ingest.upload.StoredChecksums;
import dev.blobpipe.ingest.upload.StoredChecksums.UploadChecksum;
import dev.blobpipe.ingest.upload.UploadRequest;
import dev.blobpipe.ingest.upload.UploadResult;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.PartOf;
import dev.blobpipe.schemas.UploadId;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UploadPart and UploadPartCopy. A part is an ordinary upload through Kafka whose manifest names its multipart upload
 * and part number; a copied part streams the source range from the blob store into the same uploader, so neither
 * holds more than the uploader's chunks in memory. A part of an upload that is gone by the time the part is indexed
 * is refused (NoSuchUpload) and its blob left to the compactor.
 */
final class PartHandler {
    private static final Logger log = LoggerFactory.getLogger(PartHandler.class);
    /** The largest part and copy source range (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html). */
    static final long MAX_PART_BYTES = 5L << 30;

    private final S3Backend backend;
    private final MultipartHandler uploads;

    PartHandler(S3Backend backend, MultipartHandler uploads) {
        this.backend = backend;
        this.uploads = uploads;
    }

    void uploadPart(S3Call call) throws IOException {
        String bucket = call.bucket();
        String key = call.key();
        PartOf partOf = partOf(call);
        var headers = new UploadHeaders(call.headers());
        long decodedLength = headers.decodedLength();
        ExpectedChecksum checksum = headers.checksum();
        var request = new UploadRequest(bucket, key, decodedLength, ObjectMetadata.EMPTY, headers.contentMd5(),
                checksum, partOf);
        backend.requireBucket(bucket);
        MultipartUpload upload = uploads.requireUpload(bucket, key, partOf.multipartUploadId());
        MultipartHandler.checksum(upload).ifPresent(required -> requirePartChecksum(required, checksum));
        UploadResult result;
        try (DecodedBody body = backend.bodies().decode(call.rawBody(), call.verified(), decodedLength)) {
            result = backend.uploader().upload(request, body, null);
        }
        ObjectManifest manifest = result.manifest();
        log.debug("part stored bucket={} key={} multipartUploadId={} part={} bytes={}", bucket, key,
                partOf.multipartUploadId(), partOf.partNumber(), manifest.sizeBytes());
        call.status(200);
        call.responseHeader("ETag", manifest.etag());
        StoredChecksums.object(manifest.metadata().checksums()).ifPresent(stored ->
                call.responseHeader(stored.algorithm().headerName(), stored.value()));
    }

    void uploadPartCopy(S3Call call) throws IOException {
        String bucket = call.bucket();
        String key = call.key();
        PartOf partOf = partOf(call);
        CopySource source = CopySource.parse(call.header("x-amz-copy-source"));
        backend.requireBucket(bucket);
        MultipartUpload upload = uploads.requireUpload(bucket, key, partOf.multipartUploadId());
        StoredObject object = backend.catalog().object(source.bucket(), source.key()).orElseThrow(() -> {
            backend.requireBucket(source.bucket());   // only on a miss: which 404 it is
            return new S3Exception(S3Error.NO_SUCH_KEY);
        });
        ObjectManifest sourceManifest = object.manifest();
        checkCopyPreconditions(call, sourceManifest);
        ByteRange range = CopySource.range(call.header("x-amz-copy-source-range"), sourceManifest.sizeBytes());
        long first = range == null ? 0 : range.first();
        long length = range == null ? sourceManifest.sizeBytes() : range.length();
        if (length > MAX_PART_BYTES) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "The specified copy source is larger than the maximum "
                    + "allowable size for a copy source: " + MAX_PART_BYTES);
        }
        // S3 checksums a copied part itself with the upload's algorithm: computed, there is nothing to verify against
        ExpectedChecksum checksum = MultipartHandler.checksum(upload)
                .map(required -> ExpectedChecksum.computed(required.algorithm())).orElse(null);
        var request = new UploadRequest(bucket, key, length, ObjectMetadata.EMPTY, null, checksum, partOf);
        UploadResult result;
        try (DecodedBody body = new PlainBody(
                new ObjectBytes(backend.blobs(), BlobSlice.cover(object.locations(), first, length)))) {
            result = backend.uploader().upload(request, body, null);
        }
        ObjectManifest manifest = result.manifest();
        log.debug("part copied bucket={} key={} multipartUploadId={} part={} sourceBucket={} sourceKey={} bytes={}",
                bucket, key, partOf.multipartUploadId(), partOf.partNumber(), source.bucket(), source.key(),
                manifest.sizeBytes());
        call.sendXml("CopyPartResult", xml -> MultipartXml.writeCopyPart(xml, manifest));
    }

    /**
     * A part of an upload created with a checksum algorithm must carry that algorithm's checksum, in a header or the
     * trailer, as S3 requires; none or another algorithm is InvalidRequest (before any body byte is read).
     */
    static void requirePartChecksum(UploadChecksum required, ExpectedChecksum given) {
        ChecksumAlgorithm algorithm = required.algorithm();
        if (given == null) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "The upload was created using a "
                    + algorithm.name().toLowerCase(Locale.ROOT) + " checksum. The part must have a "
                    + algorithm.headerName() + " checksum.");
        }
        if (given.algorithm() != algorithm) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "Checksum Type mismatch occurred, expected checksum Type: "
                    + algorithm.name().toLowerCase(Locale.ROOT) + ", actual checksum Type: "
                    + given.algorithm().name().toLowerCase(Locale.ROOT));
        }
    }

    private static PartOf partOf(S3Call call) {
        int partNumber = MultipartParameters.partNumber(call.query().get("partNumber"));
        UploadId uploadId = MultipartParameters.uploadId(call.query().get("uploadId"));
        return new PartOf(uploadId, partNumber);
    }

    /**
     * x-amz-copy-source-if-match / -if-none-match / -if-unmodified-since / -if-modified-since: each failure is 412
     * here (unlike GET, where If-None-Match gives 304); an ETag condition makes its date partner irrelevant.
     */
    static void checkCopyPreconditions(S3Call call, ObjectManifest source) {
        Instant modified = source.lastModified().truncatedTo(ChronoUnit.SECONDS);
        String etag = ObjectReadHandler.unquoted(source.etag());
        String ifMatch = call.header("x-amz-copy-source-if-match");
        boolean failed;
        if (ifMatch != null) {
            failed = !ObjectReadHandler.etagMatches(ifMatch, etag);
        } else {
            failed = HttpDates.parse(call.header("x-amz-copy-source-if-unmodified-since"))
                    .filter(modified::isAfter).isPresent();
        }
        String ifNoneMatch = call.header("x-amz-copy-source-if-none-match");
        if (ifNoneMatch != null) {
            failed |= ObjectReadHandler.etagMatches(ifNoneMatch, etag);
        } else {
            failed |= HttpDates.parse(call.header("x-amz-copy-source-if-modified-since"))
                    .filter(since -> !modified.isAfter(since)).isPresent();
        }
        if (failed) {
            throw new S3Exception(S3Error.PRECONDITION_FAILED);
        }
    }
}
