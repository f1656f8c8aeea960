package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.Catalog;
import dev.blobpipe.catalog.MultipartUpload;
import dev.blobpipe.catalog.PartInfo;
import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.ingest.auth.DecodedBody;
import dev.blobpipe.ingest.s3.CompleteMultipartXml.ChosenPart;
import dev.blobpipe.ingest.upload.ChecksumAlgorithm;
import dev.blobpipe.ingest.upload.ChecksumType;
import dev.blobpipe.ingest.upload.StoredChecksums;
import dev.blobpipe.ingest.upload.StoredChecksums.ObjectChecksum;
import dev.blobpipe.ingest.upload.StoredChecksums.UploadChecksum;
import dev.blobpipe.schemas.Extent;
import dev.blobpipe.schemas.ObjectEvent.MultipartAborted;
import dev.blobpipe.schemas.ObjectEvent.MultipartCompleted;
import dev.blobpipe.schemas.ObjectEvent.MultipartStarted;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.PartOf;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import dev.blobpipe.schemas.WriteCondition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CreateMultipartUpload, CompleteMultipartUpload and AbortMultipartUpload: the life of an upload, each step an event
 * answered once the catalog applied it. Completion checks the chosen parts against the catalog and publishes the
 * object as the parts' blobs in order (no byte is copied); the indexer re-checks atomically and REJECTs a completion
 * that lost a race with an abort, another completion or a part re-upload, or whose If-None-Match / If-Match failed.
 * An upload created with x-amz-checksum-algorithm gets the object checksum of its type at completion, computed from
 * the parts' stored checksums ({@link MultipartChecksum}); the stored forms are {@link StoredChecksums}'. A repeated
 * completion of a completed upload with the same parts is answered 200 like the first (an SDK retry after a lost
 * response), while the object it made is still the key's live version.
 */
final class MultipartHandler {
    private static final Logger log = LoggerFactory.getLogger(MultipartHandler.class);
    /** S3's smallest part except the last (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html). */
    static final long MIN_PART_BYTES = 5L << 20;
    /** S3's largest object. */
    static final long MAX_OBJECT_BYTES = 5L << 40;
    /** 10,000 parts of ~100 bytes each of XML is ~1 MiB; S3 documents no limit, so this only stops abuse. */
    static final int MAX_COMPLETE_BODY_BYTES = 2 << 20;
    /** The algorithms S3 accepts in x-amz-checksum-algorithm. */
    private static final Set<String> CHECKSUM_ALGORITHMS = Set.of("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256");

    private final S3Backend backend;
    private final Catalog catalog;

    MultipartHandler(S3Backend backend) {
        this.backend = backend;
        this.catalog = backend.catalog();
    }

    void create(S3Call call) throws IOException {
        String bucket = call.bucket();
        String key = call.key();
        UploadHeaders.requireKeyLength(key);
        ObjectMetadata metadata = new UploadHeaders(call.headers()).metadata();
        String algorithmName = checksumAlgorithm(call.header("x-amz-checksum-algorithm"));
        ChecksumAlgorithm algorithm = algorithmName == null ? null
                : ChecksumAlgorithm.fromName(algorithmName).orElseThrow();
        ChecksumType type = ChecksumType.forUpload(algorithm, call.header("x-amz-checksum-type"));
        UploadChecksum checksum = algorithm == null ? null : new UploadChecksum(algorithm, type);
        metadata = withChecksums(metadata, StoredChecksums.ofUpload(checksum));
        backend.requireBucket(bucket);
        UploadId uploadId = UploadId.random();
        VersionId version = backend.versions().next();
        var started = new MultipartStarted(uploadId, bucket, key, version,
                backend.clock().instant().truncatedTo(ChronoUnit.MILLIS), metadata);
        if (backend.events().publishAndAwait(started) == AppliedOutcome.REJECTED) {
            // the bucket was deleted between our check and the indexer
            throw new S3Exception(S3Error.NO_SUCH_BUCKET);
        }
        log.debug("multipart upload created bucket={} key={} multipartUploadId={}", bucket, key, uploadId);
        call.responseHeader("x-amz-checksum-algorithm", algorithmName);
        call.responseHeader("x-amz-checksum-type", type == null ? null : type.name());
        call.sendXml("InitiateMultipartUploadResult", xml -> MultipartXml.writeInitiate(xml, bucket, key, uploadId));
    }

    void complete(S3Call call) throws IOException {
        WriteCondition condition = WriteConditions.parse(call);
        String bucket = call.bucket();
        String key = call.key();
        UploadId uploadId = MultipartParameters.uploadId(call.query().get("uploadId"));
        backend.requireBucket(bucket);
        Optional<MultipartUpload> open = openUpload(bucket, key, uploadId);
        if (open.isEmpty()) {
            // maybe a retry of a completion whose response was lost: only then is the body worth reading
            if (catalog.completionVersion(bucket, key, uploadId).isEmpty()) {
                throw new S3Exception(S3Error.NO_SUCH_UPLOAD);
            }
            StoredObject earlier = RepeatedCompletion.earlier(catalog, bucket, key, uploadId, readChosenParts(call))
                    .orElseThrow(() -> new S3Exception(S3Error.NO_SUCH_UPLOAD));
            sendCompleted(call, earlier.manifest());
            return;
        }
        MultipartUpload upload = open.get();
        List<ChosenPart> chosen = readChosenParts(call);
        requireAscending(chosen);
        List<PartInfo> parts = matchParts(chosen, storedParts(uploadId));
        Optional<UploadChecksum> checksum = checksum(upload);
        if (checksum.isPresent()) {
            requireConsecutive(chosen);
            requireListedChecksums(chosen, parts, checksum.get().algorithm());
        }
        requirePartSizes(parts, MIN_PART_BYTES);
        Map<String, String> objectChecksums = Map.of();
        if (checksum.isPresent()) {
            ObjectChecksum objectChecksum = objectChecksum(checksum.get(), parts);
            requireCompletionChecksum(call, checksum.get(), objectChecksum);
            objectChecksums = StoredChecksums.ofObject(objectChecksum);
        } else if (call.header("x-amz-checksum-type") != null) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "The upload was not created with a checksum type.");
        }
        WriteConditions.precheck(condition, catalog.object(bucket, key));

        List<Extent> extents = new ArrayList<>(parts.size());
        for (PartInfo part : parts) {
            extents.add(new Extent(part.partNumber(), part.location()));
        }
        VersionId version = backend.versions().nextAfter(catalog.newestVersion(bucket, key).orElse(VersionId.ZERO));
        ObjectManifest manifest = completedManifest(upload, parts, version, objectChecksums).withCondition(condition);
        var completed = new MultipartCompleted(uploadId, manifest, extents);
        if (backend.events().publishAndAwait(completed) == AppliedOutcome.REJECTED) {
            // an earlier request with this very list (the SDK retrying on a timeout) may have won the race
            Optional<StoredObject> earlier = catalog.multipartUpload(bucket, uploadId).isPresent() ? Optional.empty()
                    : RepeatedCompletion.earlier(catalog, bucket, key, uploadId, chosen);
            if (earlier.isEmpty()) {
                throw new S3Exception(rejectionError(bucket, uploadId, condition, extents));
            }
            sendCompleted(call, earlier.get().manifest());
            return;
        }
        log.debug("multipart upload completed bucket={} key={} multipartUploadId={} version={} parts={} bytes={}",
                bucket, key, uploadId, version, parts.size(), manifest.sizeBytes());
        sendCompleted(call, manifest);
    }

    private static void sendCompleted(S3Call call, ObjectManifest manifest) throws IOException {
        String location = location(call.header("host"), manifest.bucket(), manifest.key());
        call.sendXml("CompleteMultipartUploadResult", xml -> MultipartXml.writeComplete(xml, location, manifest));
    }

    void abort(S3Call call) {
        String bucket = call.bucket();
        String key = call.key();
        UploadId uploadId = MultipartParameters.uploadId(call.query().get("uploadId"));
        backend.requireBucket(bucket);
        MultipartUpload upload = requireUpload(bucket, key, uploadId);
        VersionId version = backend.versions().nextAfter(upload.versionId());
        if (backend.events().publishAndAwait(new MultipartAborted(uploadId, bucket, key, version))
                == AppliedOutcome.REJECTED) {
            throw new S3Exception(S3Error.NO_SUCH_UPLOAD);
        }
        log.debug("multipart upload aborted bucket={} key={} multipartUploadId={}", bucket, key, uploadId);
        call.status(204);
    }

    /**
     * Why the indexer refused a completion: the upload is gone (aborted or completed meanwhile: NoSuchUpload), a chosen
     * part was re-uploaded since we read it (InvalidPart), or else - upload open, parts unchanged - the write condition
     * failed (PreconditionFailed), which leaves the upload open for the client to retry or abort.
     */
    private S3Error rejectionError(String bucket, UploadId uploadId, WriteCondition condition, List<Extent> extents) {
        if (catalog.multipartUpload(bucket, uploadId).isEmpty()) {
            return S3Error.NO_SUCH_UPLOAD;
        }
        if (condition == null) {
            return S3Error.INVALID_PART;
        }
        Map<Integer, PartInfo> current = storedParts(uploadId);
        for (Extent extent : extents) {
            PartInfo part = current.get(extent.partNumber());
            if (part == null || !part.location().equals(extent.location())) {
                return S3Error.INVALID_PART;
            }
        }
        return S3Error.PRECONDITION_FAILED;
    }

    /** The open upload {@code uploadId} of this bucket and key, else NoSuchUpload. */
    MultipartUpload requireUpload(String bucket, String key, UploadId uploadId) {
        return openUpload(bucket, key, uploadId).orElseThrow(() -> new S3Exception(S3Error.NO_SUCH_UPLOAD));
    }

    private Optional<MultipartUpload> openUpload(String bucket, String key, UploadId uploadId) {
        return catalog.multipartUpload(bucket, uploadId).filter(upload -> upload.key().equals(key));
    }

    /** The checksum algorithm an upload was created with, or null. */
    static String checksumAlgorithm(MultipartUpload upload) {
        return checksum(upload).map(checksum -> checksum.algorithm().name()).orElse(null);
    }

    /** The checksum type an upload was created with, or null when it has no checksum algorithm. */
    static String checksumType(MultipartUpload upload) {
        return checksum(upload).map(checksum -> checksum.type().name()).orElse(null);
    }

    /** The checksum algorithm and type an upload was created with, if any. */
    static Optional<UploadChecksum> checksum(MultipartUpload upload) {
        return StoredChecksums.upload(upload.metadata().checksums());
    }

    /**
     * With checksums, S3 wants the parts numbered 1, 2, … N without gaps
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompletedPart.html), else InvalidPartOrder.
     */
    static void requireConsecutive(List<ChosenPart> chosen) {
        for (int i = 0; i < chosen.size(); i++) {
            if (chosen.get(i).partNumber() != i + 1) {
                throw new S3Exception(S3Error.INVALID_PART_ORDER, "With checksums, part numbers must start at 1 and "
                        + "be consecutive. Part number: " + chosen.get(i).partNumber());
            }
        }
    }

    /**
     * A checksum the client lists for a part (ChecksumCRC32C…) must be the upload's algorithm and equal the part's
     * stored one, else InvalidPart; elements naming no algorithm we know are ignored like other unknown elements.
     */
    static void requireListedChecksums(List<ChosenPart> chosen, List<PartInfo> parts, ChecksumAlgorithm algorithm) {
        for (int i = 0; i < chosen.size(); i++) {
            ChosenPart part = chosen.get(i);
            String stored = parts.get(i).manifest().metadata().checksums().get(algorithm.name());
            for (Map.Entry<String, String> listed : part.checksums().entrySet()) {
                Optional<ChecksumAlgorithm> listedAlgorithm = ChecksumAlgorithm.fromName(listed.getKey());
                if (listedAlgorithm.isEmpty()) {
                    continue;
                }
                if (listedAlgorithm.get() != algorithm || !listed.getValue().equals(stored)) {
                    throw new S3Exception(S3Error.INVALID_PART, "One or more of the specified parts could not be "
                            + "found. The part may not have been uploaded, or the specified checksum may not match "
                            + "the part's checksum. Part number: " + part.partNumber());
                }
            }
        }
    }

    /** The object's checksum from the chosen parts'; a part stored without one (none required then): InvalidPart. */
    static ObjectChecksum objectChecksum(UploadChecksum checksum, List<PartInfo> parts) {
        List<MultipartChecksum.Part> checksummed = new ArrayList<>(parts.size());
        for (PartInfo part : parts) {
            String value = part.manifest().metadata().checksums().get(checksum.algorithm().name());
            if (value == null) {
                throw new S3Exception(S3Error.INVALID_PART, "Part " + part.partNumber() + " has no "
                        + checksum.algorithm() + " checksum.");
            }
            checksummed.add(new MultipartChecksum.Part(value, part.manifest().sizeBytes()));
        }
        return MultipartChecksum.of(checksum, checksummed);
    }

    /**
     * x-amz-checksum-type and x-amz-checksum-ALG on the completion, when sent, must agree with the upload and with the
     * computed checksum (the SDKs send the whole object's CRC for FULL_OBJECT): InvalidRequest, or BadDigest for a
     * value that differs. A composite value may come with or without its "-N".
     */
    static void requireCompletionChecksum(S3Call call, UploadChecksum upload, ObjectChecksum computed) {
        String type = call.header("x-amz-checksum-type");
        if (type != null && ChecksumType.parse(type) != upload.type()) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "The upload was created using the " + upload.type()
                    + " checksum type. The complete request must use the same checksum type.");
        }
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            String value = call.header(algorithm.headerName());
            if (value == null) {
                continue;
            }
            if (algorithm != upload.algorithm()) {
                throw new S3Exception(S3Error.INVALID_REQUEST, "The upload was created using the "
                        + upload.algorithm() + " checksum algorithm; the complete request sent " + algorithm + ".");
            }
            String given = value.trim();
            if (!given.equals(computed.value()) && !given.equals(computed.valueWithoutPartCount())) {
                throw new S3Exception(S3Error.BAD_DIGEST, "The " + algorithm + " you specified did not match the "
                        + "calculated checksum.");
            }
        }
    }

    /** Strictly ascending part numbers (S3 also refuses a number listed twice), else InvalidPartOrder. */
    static void requireAscending(List<ChosenPart> chosen) {
        for (int i = 1; i < chosen.size(); i++) {
            if (chosen.get(i).partNumber() <= chosen.get(i - 1).partNumber()) {
                throw new S3Exception(S3Error.INVALID_PART_ORDER);
            }
        }
    }

    /** The stored part each chosen one names, with the ETag the client got for it, else InvalidPart. */
    static List<PartInfo> matchParts(List<ChosenPart> chosen, Map<Integer, PartInfo> stored) {
        List<PartInfo> parts = new ArrayList<>(chosen.size());
        for (ChosenPart part : chosen) {
            PartInfo info = stored.get(part.partNumber());
            if (info == null || !info.manifest().md5Hex().equalsIgnoreCase(part.etag())) {
                throw new S3Exception(S3Error.INVALID_PART, "One or more of the specified parts could not be found. "
                        + "The part may not have been uploaded, or the specified entity tag may not match the "
                        + "part's entity tag. Part number: " + part.partNumber());
            }
            parts.add(info);
        }
        return parts;
    }

    /** Every part but the last at least {@code minPartBytes}, else EntityTooSmall; at most 5 TiB in all. */
    static void requirePartSizes(List<PartInfo> parts, long minPartBytes) {
        long total = 0;
        for (int i = 0; i < parts.size(); i++) {
            long size = parts.get(i).manifest().sizeBytes();
            if (i < parts.size() - 1 && size < minPartBytes) {
                throw new S3Exception(S3Error.ENTITY_TOO_SMALL);
            }
            total += size;
        }
        if (total > MAX_OBJECT_BYTES) {
            throw new S3Exception(S3Error.ENTITY_TOO_LARGE);
        }
    }

    /**
     * The object's manifest: size the sum of the parts, MD5 and SHA-256 composites of the parts' digests (so the ETag
     * is S3's {@code "<hex>-N"}), metadata from CreateMultipartUpload with {@code checksums} (the object's, in
     * {@link StoredChecksums} form) instead of the upload's, no chunks of its own.
     */
    ObjectManifest completedManifest(MultipartUpload upload, List<PartInfo> parts, VersionId version,
            Map<String, String> checksums) {
        long size = 0;
        List<String> md5s = new ArrayList<>(parts.size());
        List<String> sha256s = new ArrayList<>(parts.size());
        for (PartInfo part : parts) {
            size += part.manifest().sizeBytes();
            md5s.add(part.manifest().md5Hex());
            sha256s.add(part.manifest().sha256Hex());
        }
        return new ObjectManifest(upload.bucket(), upload.key(), version, size, 0,
                CompositeDigest.of("MD5", md5s), CompositeDigest.of("SHA-256", sha256s),
                backend.clock().instant().truncatedTo(ChronoUnit.MILLIS), withChecksums(upload.metadata(), checksums),
                null, parts.size());
    }

    /** Every part of the upload (at most 10,000), by part number. */
    private Map<Integer, PartInfo> storedParts(UploadId uploadId) {
        Map<Integer, PartInfo> parts = new HashMap<>();
        int after = 0;
        while (after < PartOf.MAX_PART_NUMBER) {
            List<PartInfo> page = catalog.parts(uploadId, after, MultipartParameters.MAX_LISTED);
            for (PartInfo part : page) {
                parts.put(part.partNumber(), part);
                after = part.partNumber();
            }
            if (page.size() < MultipartParameters.MAX_LISTED) {
                break;
            }
        }
        return parts;
    }

    private List<ChosenPart> readChosenParts(S3Call call) throws IOException {
        long contentLength = call.contentLength();
        if (contentLength > MAX_COMPLETE_BODY_BYTES) {
            throw new S3Exception(S3Error.MAX_MESSAGE_LENGTH_EXCEEDED);
        }
        String decodedHeader = call.header("x-amz-decoded-content-length");
        long decodedLength = decodedHeader != null ? decodedLength(decodedHeader) : contentLength;
        try (DecodedBody body = backend.bodies().decode(call.rawBody(), call.verified(), decodedLength);
                InputStream capped = new CappedInputStream(body, MAX_COMPLETE_BODY_BYTES,
                        S3Error.MAX_MESSAGE_LENGTH_EXCEEDED)) {
            List<ChosenPart> chosen = CompleteMultipartXml.parse(capped);
            // drain so a signed payload's SHA-256 is checked at its end even if the XML ended early
            capped.transferTo(OutputStream.nullOutputStream());
            return chosen;
        }
    }

    private static long decodedLength(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "Invalid x-amz-decoded-content-length: " + text);
        }
    }

    /** x-amz-checksum-algorithm upper-cased, null when absent; one S3 does not know is InvalidRequest. */
    static String checksumAlgorithm(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String algorithm = header.trim().toUpperCase(Locale.ROOT);
        if (!CHECKSUM_ALGORITHMS.contains(algorithm)) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "Checksum algorithm provided is unsupported. Please try "
                    + "again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
        }
        return algorithm;
    }

    /** The object's URL as S3 returns it in Location: virtual-host style if the request came so, else path style. */
    static String location(String host, String bucket, String key) {
        String authority = host == null || host.isBlank() ? "localhost" : host.trim();
        String path = authority.toLowerCase(Locale.ROOT).startsWith(bucket + ".")
                ? "/" + PercentEncoding.encodePath(key)
                : "/" + bucket + "/" + PercentEncoding.encodePath(key);
        return "http://" + authority + path;
    }

    private static ObjectMetadata withChecksums(ObjectMetadata metadata, Map<String, String> checksums) {
        return new ObjectMetadata(metadata.contentType(), metadata.contentEncoding(), metadata.contentDisposition(),
                metadata.cacheControl(), metadata.expires(), metadata.userMetadata(), checksums, metadata.tags());
    }
}
