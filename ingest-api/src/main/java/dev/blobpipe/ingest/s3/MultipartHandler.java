package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.Catalog;
import dev.blobpipe.catalog.MultipartUpload;
import dev.blobpipe.catalog.PartInfo;
import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.ingest.auth.DecodedBody;
import dev.blobpipe.ingest.s3.CompleteMultipartXml.ChosenPart;
import dev.blobpipe.schemas.Extent;
import dev.blobpipe.schemas.ObjectEvent.MultipartAborted;
import dev.blobpipe.schemas.ObjectEvent.MultipartCompleted;
import dev.blobpipe.schemas.ObjectEvent.MultipartStarted;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.PartOf;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CreateMultipartUpload, CompleteMultipartUpload and AbortMultipartUpload: the life of an upload, each step an event
 * answered once the catalog applied it. Completion checks the chosen parts against the catalog and publishes the
 * object as the parts' blobs in order (no byte is copied); the indexer re-checks atomically and REJECTs a completion
 * that lost a race with an abort, another completion or a part re-upload.
 */
final class MultipartHandler {
    private static final Logger log = LoggerFactory.getLogger(MultipartHandler.class);
    /** S3's smallest part except the last (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html). */
    static final long MIN_PART_BYTES = 5L << 20;
    /** S3's largest object. */
    static final long MAX_OBJECT_BYTES = 5L << 40;
    /** 10,000 parts of ~100 bytes each of XML is ~1 MiB; S3 documents no limit, so this only stops abuse. */
    static final int MAX_COMPLETE_BODY_BYTES = 2 << 20;
    /**
     * Where an upload keeps the x-amz-checksum-algorithm of its CreateMultipartUpload: in its metadata's checksums
     * map, under a key no algorithm has. Dropped from the completed object's metadata (a composite checksum of the
     * object is a later increment).
     */
    static final String CHECKSUM_ALGORITHM_KEY = "ALGORITHM";
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
        String algorithm = checksumAlgorithm(call.header("x-amz-checksum-algorithm"));
        if (algorithm != null) {
            metadata = withChecksums(metadata, Map.of(CHECKSUM_ALGORITHM_KEY, algorithm));
        }
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
        call.responseHeader("x-amz-checksum-algorithm", algorithm);
        call.sendXml("InitiateMultipartUploadResult", xml -> MultipartXml.writeInitiate(xml, bucket, key, uploadId));
    }

    void complete(S3Call call) throws IOException {
        if (call.header("if-match") != null || call.header("if-none-match") != null) {
            // a precondition must never be ignored; deciding it needs the indexer (issue 4, item 4)
            throw new S3Exception(S3Error.NOT_IMPLEMENTED,
                    "Conditional CompleteMultipartUpload (If-Match, If-None-Match) is not supported yet.");
        }
        String bucket = call.bucket();
        String key = call.key();
        UploadId uploadId = MultipartParameters.uploadId(call.query().get("uploadId"));
        backend.requireBucket(bucket);
        MultipartUpload upload = requireUpload(bucket, key, uploadId);
        List<ChosenPart> chosen = readChosenParts(call);
        requireAscending(chosen);
        List<PartInfo> parts = matchParts(chosen, storedParts(uploadId));
        requirePartSizes(parts, MIN_PART_BYTES);

        List<Extent> extents = new ArrayList<>(parts.size());
        for (PartInfo part : parts) {
            extents.add(new Extent(part.partNumber(), part.location()));
        }
        VersionId version = backend.versions().nextAfter(catalog.newestVersion(bucket, key).orElse(VersionId.ZERO));
        ObjectManifest manifest = completedManifest(upload, parts, version);
        var completed = new MultipartCompleted(uploadId, manifest, extents);
        if (backend.events().publishAndAwait(completed) == AppliedOutcome.REJECTED) {
            // lost a race: aborted or completed meanwhile, or a chosen part was re-uploaded since we read it
            throw new S3Exception(catalog.multipartUpload(bucket, uploadId).isPresent()
                    ? S3Error.INVALID_PART : S3Error.NO_SUCH_UPLOAD);
        }
        log.debug("multipart upload completed bucket={} key={} multipartUploadId={} version={} parts={} bytes={}",
                bucket, key, uploadId, version, parts.size(), manifest.sizeBytes());
        String location = location(call.header("host"), bucket, key);
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

    /** The open upload {@code uploadId} of this bucket and key, else NoSuchUpload. */
    MultipartUpload requireUpload(String bucket, String key, UploadId uploadId) {
        return catalog.multipartUpload(bucket, uploadId)
                .filter(upload -> upload.key().equals(key))
                .orElseThrow(() -> new S3Exception(S3Error.NO_SUCH_UPLOAD));
    }

    /** The checksum algorithm an upload was created with, or null. */
    static String checksumAlgorithm(MultipartUpload upload) {
        return upload.metadata().checksums().get(CHECKSUM_ALGORITHM_KEY);
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
     * is S3's {@code "<hex>-N"}), metadata from CreateMultipartUpload, no chunks of its own.
     */
    ObjectManifest completedManifest(MultipartUpload upload, List<PartInfo> parts, VersionId version) {
        long size = 0;
        List<String> md5s = new ArrayList<>(parts.size());
        List<String> sha256s = new ArrayList<>(parts.size());
        for (PartInfo part : parts) {
            size += part.manifest().sizeBytes();
            md5s.add(part.manifest().md5Hex());
            sha256s.add(part.manifest().sha256Hex());
        }
        Map<String, String> checksums = new HashMap<>(upload.metadata().checksums());
        checksums.remove(CHECKSUM_ALGORITHM_KEY);
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
                metadata.cacheControl(), metadata.expires(), metadata.userMetadata(), checksums);
    }
}
