package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.BucketInfo;
import dev.blobpipe.catalog.MultipartUpload;
import dev.blobpipe.catalog.PartInfo;
import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.ingest.IngestConfig;
import dev.blobpipe.ingest.auth.DecodedBody;
import dev.blobpipe.ingest.auth.PayloadMode;
import dev.blobpipe.ingest.auth.VerifiedRequest;
import dev.blobpipe.ingest.upload.BodyDigests;
import dev.blobpipe.ingest.upload.DigestExpectations;
import dev.blobpipe.ingest.upload.StoredChecksums;
import dev.blobpipe.ingest.upload.UploadRequest;
import dev.blobpipe.ingest.upload.UploadResult;
import dev.blobpipe.schemas.Extent;
import dev.blobpipe.schemas.Hex;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.PartOf;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionClock;
import dev.blobpipe.schemas.VersionId;
import dev.blobpipe.schemas.WriteCondition;
import dev.blobpipe.schemas.config.ConfigValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The front door's collaborators as plain in-memory fakes: every request authenticates (unless told otherwise), the
 * body passes through undecoded, an upload lands in the blob map and the catalog at once, and events apply at once.
 */
final class InMemoryBackend {
    static final Instant NOW = Instant.parse("2026-11-20T10:15:30.123Z");

    final InMemoryCatalog catalog = new InMemoryCatalog();
    final InMemoryBlobStore blobs = new InMemoryBlobStore();
    final List<ObjectEvent> events = new CopyOnWriteArrayList<>();
    final List<UploadRequest> uploads = new CopyOnWriteArrayList<>();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final VersionClock versions = new VersionClock(clock, 1);
    volatile RuntimeException authFailure;
    volatile AppliedOutcome outcome = AppliedOutcome.APPLIED;
    /** When set, every PutObject waits here after its pre-checks and body, before it is "indexed" (race tests). */
    volatile CyclicBarrier uploadBarrier;
    private final AtomicInteger blobCounter = new AtomicInteger();

    /** Settings of a test server: a free port and a small thread pool. */
    static ConfigValues serverSettings() {
        return ConfigValues.empty().with("ingest.port", "0").with("ingest.http.threads", "16");
    }

    /** The front door on a free port over these fakes; authentication accepts everything unless authFailure is set. */
    S3Server startServer() throws IOException {
        return S3Server.start(IngestConfig.from(serverSettings()), backend());
    }

    S3Backend backend() {
        return new S3Backend(catalog, blobs, request -> {
            RuntimeException failure = authFailure;
            if (failure != null) {
                throw failure;
            }
            return new VerifiedRequest("AKIDTEST", PayloadMode.UNSIGNED, "UNSIGNED-PAYLOAD", null, null, null, null);
        }, (raw, verified, length) -> passThrough(raw), this::upload, this::apply, versions, clock);
    }

    void createBucket(String name) {
        catalog.buckets.put(name, new BucketInfo(name, NOW, "us-east-1"));
    }

    void putObject(String bucket, String key, byte[] data, Map<String, String> userMetadata) {
        putObject(bucket, key, data, new ObjectMetadata("text/plain", null, null, null, null, userMetadata, Map.of()),
                null);
    }

    /**
     * Stores an object as the indexer would: {@code condition} decided against the live version under the catalog's
     * lock (PreconditionFailed, as the uploader reports a REJECTED commit, when it fails).
     */
    ObjectManifest putObject(String bucket, String key, byte[] data, ObjectMetadata given, WriteCondition condition) {
        return putObject(bucket, key, data, given, condition, Map.of("CRC32", crc32(data)));
    }

    /** As above with the checksums to store ({@link StoredChecksums} form). */
    ObjectManifest putObject(String bucket, String key, byte[] data, ObjectMetadata given, WriteCondition condition,
            Map<String, String> checksums) {
        String blobName = "blob-" + bucket + "-" + Integer.toHexString(key.hashCode()) + "-"
                + blobCounter.incrementAndGet();
        var metadata = new ObjectMetadata(given.contentType() == null ? "text/plain" : given.contentType(),
                given.contentEncoding(), given.contentDisposition(), given.cacheControl(), given.expires(),
                given.userMetadata(), checksums, given.tags());
        var manifest = new ObjectManifest(bucket, key, versions.next(), data.length, 1, digest("MD5", data),
                digest("SHA-256", data), NOW, metadata, null, 0, condition);
        synchronized (catalog) {
            if (conditionFails(manifest)) {
                throw new S3Exception(S3Error.PRECONDITION_FAILED);
            }
            blobs.blobs.put(blobName, data);
            catalog.put(new StoredObject(manifest, ObjectLocation.wholeBlob(blobName, data.length)));
            catalog.newest.put(bucket + "/" + key, manifest.versionId());
        }
        return manifest;
    }

    private boolean conditionFails(ObjectManifest manifest) {
        WriteCondition condition = manifest.condition();
        return condition != null && !condition.allows(catalog.object(manifest.bucket(), manifest.key())
                .map(object -> object.manifest().etag()).orElse(null));
    }

    private UploadResult upload(UploadRequest request, DecodedBody body, VersionId newestSeenBefore) throws IOException {
        uploads.add(request);
        var bytes = new ByteArrayOutputStream();
        body.transferTo(bytes);
        if (request.contentLength() >= 0 && bytes.size() != request.contentLength()) {
            throw new S3Exception(S3Error.INCOMPLETE_BODY);
        }
        // checksums as the real uploader verifies and stores them (trailers are complete once the body ended)
        byte[] data = bytes.toByteArray();
        DigestExpectations expectations = DigestExpectations.of(request.contentMd5Base64(), request.checksum());
        BodyDigests digests = new BodyDigests(expectations.algorithm());
        digests.update(data, 0, data.length);
        digests.finish();
        expectations.verify(digests, body.trailers());
        Map<String, String> checksums = StoredChecksums.ofBody(digests.algorithm(), digests.checksumBase64());
        if (request.partOf() != null) {
            return new UploadResult(putPart(request.bucket(), request.key(), request.partOf(), data, checksums));
        }
        CyclicBarrier barrier = uploadBarrier;
        if (barrier != null) {
            try {
                barrier.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the racing upload did not arrive", e);
            }
        }
        // an upload without a checksum keeps this fake's old default, a CRC32, which earlier tests read back
        return new UploadResult(putObject(request.bucket(), request.key(), data, request.metadata(),
                request.condition(), checksums.isEmpty() ? Map.of("CRC32", crc32(data)) : checksums));
    }

    /** Stores a part as the indexer would: refused (NoSuchUpload, as the uploader says) unless its upload is open. */
    ObjectManifest putPart(String bucket, String key, PartOf partOf, byte[] data) {
        return putPart(bucket, key, partOf, data, Map.of());
    }

    /** As above, the part stored with {@code checksums} ({@link StoredChecksums} form). */
    ObjectManifest putPart(String bucket, String key, PartOf partOf, byte[] data, Map<String, String> checksums) {
        if (catalog.multipartUpload(bucket, partOf.multipartUploadId()).isEmpty()) {
            throw new S3Exception(S3Error.NO_SUCH_UPLOAD);
        }
        String blobName = "part-" + partOf.multipartUploadId() + "-" + partOf.partNumber() + "-"
                + blobCounter.incrementAndGet();
        blobs.blobs.put(blobName, data);
        var manifest = new ObjectManifest(bucket, key, versions.next(), data.length, 1, digest("MD5", data),
                digest("SHA-256", data), NOW, new ObjectMetadata(null, null, null, null, null, Map.of(), checksums),
                partOf, 0);
        catalog.putPart(new PartInfo(partOf.partNumber(), manifest, ObjectLocation.wholeBlob(blobName, data.length)));
        return manifest;
    }

    private AppliedOutcome apply(ObjectEvent event) {
        events.add(event);
        if (outcome == AppliedOutcome.REJECTED) {
            return outcome;
        }
        if (event instanceof ObjectEvent.BucketCreated created) {
            catalog.buckets.put(created.bucket(), new BucketInfo(created.bucket(), created.createdAt(),
                    created.region()));
            catalog.newest.put(created.bucket(), created.versionId());
        } else if (event instanceof ObjectEvent.BucketDeleted deleted) {
            catalog.buckets.remove(deleted.bucket());
            catalog.newest.put(deleted.bucket(), deleted.versionId());
        } else if (event instanceof ObjectEvent.ObjectDeleted deleted) {
            catalog.remove(deleted.bucket(), deleted.key());
            catalog.newest.put(deleted.bucket() + "/" + deleted.key(), deleted.versionId());
        } else if (event instanceof ObjectEvent.MultipartStarted started) {
            catalog.uploads.put(started.multipartUploadId(), new MultipartUpload(started.multipartUploadId(),
                    started.bucket(), started.key(), started.versionId(), started.initiatedAt(), started.metadata()));
        } else if (event instanceof ObjectEvent.MultipartAborted aborted) {
            if (catalog.uploads.remove(aborted.multipartUploadId()) == null) {
                return AppliedOutcome.REJECTED;
            }
            catalog.parts.remove(aborted.multipartUploadId());
        } else if (event instanceof ObjectEvent.MultipartCompleted completed) {
            return complete(completed);
        } else if (event instanceof ObjectEvent.ObjectCopied copied) {
            return copy(copied);
        } else if (event instanceof ObjectEvent.BucketCorsSet corsSet) {
            catalog.cors.put(corsSet.bucket(), corsSet.rules());
        } else if (event instanceof ObjectEvent.BucketLifecycleSet lifecycleSet) {
            catalog.lifecycle.put(lifecycleSet.bucket(), lifecycleSet.rules());
        } else if (event instanceof ObjectEvent.ObjectTagsSet tagsSet) {
            return setTags(tagsSet);
        } else {
            throw new IllegalArgumentException("unexpected event " + event);
        }
        return outcome;
    }

    /** As the indexer: a copy is a new version on the source's blobs, if its condition holds. */
    private AppliedOutcome copy(ObjectEvent.ObjectCopied copied) {
        synchronized (catalog) {
            ObjectManifest manifest = copied.manifest();
            if (conditionFails(manifest)) {
                return AppliedOutcome.REJECTED;
            }
            catalog.put(new StoredObject(manifest, copied.location(), copied.extents()));
            catalog.newest.put(manifest.bucket() + "/" + manifest.key(), manifest.versionId());
            return AppliedOutcome.APPLIED;
        }
    }

    /** As the indexer: tags apply only to the live version they name. */
    private AppliedOutcome setTags(ObjectEvent.ObjectTagsSet tagsSet) {
        synchronized (catalog) {
            var live = catalog.object(tagsSet.bucket(), tagsSet.key());
            if (live.isEmpty() || !live.get().manifest().versionId().equals(tagsSet.objectVersion())) {
                return AppliedOutcome.REJECTED;
            }
            StoredObject object = live.get();
            ObjectManifest manifest = object.manifest();
            var tagged = new ObjectManifest(manifest.bucket(), manifest.key(), manifest.versionId(),
                    manifest.sizeBytes(), manifest.chunkCount(), manifest.md5Hex(), manifest.sha256Hex(),
                    manifest.lastModified(), manifest.metadata().withTags(tagsSet.tags()), manifest.partOf(),
                    manifest.partCount(), manifest.condition());
            catalog.put(new StoredObject(tagged, object.location(), object.extents()));
            return AppliedOutcome.APPLIED;
        }
    }

    /** As the indexer: only while the upload is open and every extent is still its part's newest blob. */
    private synchronized AppliedOutcome complete(ObjectEvent.MultipartCompleted completed) {
        UploadId id = completed.multipartUploadId();
        if (!catalog.uploads.containsKey(id)) {
            return AppliedOutcome.REJECTED;
        }
        if (conditionFails(completed.manifest())) {
            return AppliedOutcome.REJECTED;
        }
        Map<Integer, Map<String, String>> partChecksums = new HashMap<>();
        for (Extent extent : completed.extents()) {
            List<PartInfo> current = catalog.parts(id, extent.partNumber() - 1, 1);
            if (current.isEmpty() || !current.get(0).location().equals(extent.location())) {
                return AppliedOutcome.REJECTED;
            }
            Map<String, String> checksums = current.get(0).manifest().metadata().checksums();
            if (!checksums.isEmpty()) {
                partChecksums.put(extent.partNumber(), checksums);
            }
        }
        ObjectManifest manifest = completed.manifest();
        catalog.put(new StoredObject(manifest, null, completed.extents(), partChecksums));
        catalog.newest.put(manifest.bucket() + "/" + manifest.key(), manifest.versionId());
        catalog.completions.put(id, manifest);
        catalog.uploads.remove(id);
        catalog.parts.remove(id);
        return AppliedOutcome.APPLIED;
    }

    private static DecodedBody passThrough(InputStream raw) {
        return new DecodedBody() {
            @Override
            public Map<String, String> trailers() {
                return Map.of();
            }

            @Override
            public int read() throws IOException {
                return raw.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return raw.read(buffer, offset, length);
            }

            @Override
            public void close() throws IOException {
                raw.close();
            }
        };
    }

    /** Base64 of the big-endian CRC32, as S3 (and the SDK validating a GET) computes it. */
    static String crc32(byte[] data) {
        var crc = new java.util.zip.CRC32();
        crc.update(data);
        return java.util.Base64.getEncoder().encodeToString(
                java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static String digest(String algorithm, byte[] data) {
        try {
            return Hex.of(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
