package dev.blobpipe.ingest.upload;

import dev.blobpipe.catalog.Catalog;
import dev.blobpipe.catalog.PartInfo;
import dev.blobpipe.catalog.VisibilityWaiter;
import dev.blobpipe.ingest.auth.DecodedBody;
import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.PartOf;
import dev.blobpipe.schemas.Topics;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionClock;
import dev.blobpipe.schemas.VersionId;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Streams a body into chunk records on blobpipe.chunks, verifies it, commits it and waits until it is readable, or
 * only until Kafka holds it when the request asks for a durable acknowledgement (DESIGN.md, data flow steps 1, 2
 * and 5). Memory is bounded: each upload has at most {@code ingest.upload.inflight.chunks} chunks in flight and all
 * uploads together at most {@code ingest.inflight.bytes}.
 * Thread-safe: one instance serves all requests, each call runs on its request thread.
 */
public final class ObjectUploader {
    /** The largest single PUT S3 accepts (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html). */
    public static final long MAX_OBJECT_BYTES = 5L << 30;
    private static final Logger log = LoggerFactory.getLogger(ObjectUploader.class);

    private final Producer<byte[], byte[]> producer;
    private final String chunksTopic;
    private final Catalog catalog;
    private final VisibilityWaiter visibility;
    private final VersionClock versionClock;
    private final InflightBudget budget;
    private final UploadConfig.Values config;
    private final Clock clock;

    /**
     * {@code producer} from {@link IngestProducer#create}; {@code versionClock} and {@code budget} are the process's
     * single instances (two clocks with one node id could issue the same version id).
     */
    public ObjectUploader(Producer<byte[], byte[]> producer, Catalog catalog, VisibilityWaiter visibility,
            VersionClock versionClock, InflightBudget budget, UploadConfig.Values config, Clock clock) {
        this(producer, Topics.CHUNKS, catalog, visibility, versionClock, budget, config, clock);
    }

    /** As above, writing to {@code chunksTopic} instead of {@link Topics#CHUNKS} (tests use a topic each). */
    public ObjectUploader(Producer<byte[], byte[]> producer, String chunksTopic, Catalog catalog,
            VisibilityWaiter visibility, VersionClock versionClock, InflightBudget budget, UploadConfig.Values config,
            Clock clock) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.chunksTopic = Objects.requireNonNull(chunksTopic, "chunksTopic");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.visibility = Objects.requireNonNull(visibility, "visibility");
        this.versionClock = Objects.requireNonNull(versionClock, "versionClock");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (budget.capacityBytes() < config.chunkSizeBytes()) {
            throw new IllegalArgumentException("the in-flight budget must hold at least one chunk");
        }
    }

    /**
     * Stores the body as a new version of {@code request.key()} (or, with {@code request.partOf()}, as that part of a
     * multipart upload) and returns once the catalog shows it, or, for {@link Acknowledgement#DURABLE}, once Kafka
     * acknowledged the commit (the catalog shows it later; a GET right after may not find it yet). A part whose upload
     * was completed or aborted meanwhile is refused by the indexer: NoSuchUpload; an object whose
     * {@code request.condition()} fails when the indexer applies it: PreconditionFailed.
     *
     * <p>Throws S3Exception for client-caused failures (BadDigest, InvalidDigest, IncompleteBody, ...) and for
     * overload (SlowDown, ServiceUnavailable); IOException when the client connection fails. Always sends an Abort
     * record when it fails after a record was sent and before the commit was acknowledged (a body within one chunk
     * sends nothing before its commit, so failing earlier needs no abort). A ServiceUnavailable after the
     * commit was acknowledged (the catalog did not show it within {@code ingest.visibility.timeout}) is not aborted:
     * the object may still become visible later, as S3 allows for a 5xx.
     */
    public UploadResult upload(UploadRequest request, DecodedBody body) throws IOException {
        return upload(request, body, null);
    }

    /**
     * As {@link #upload(UploadRequest, DecodedBody)}, when the caller already read the key's newest version (tombstones
     * included; ZERO for none) in this request, before the body: that is enough for sequential overwrites to order
     * right, since a PUT that finished before this request began is in that answer, and it saves a catalog query.
     */
    public UploadResult upload(UploadRequest request, DecodedBody body, VersionId newestSeenBefore)
            throws IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(body, "body");
        if (request.contentLength() > MAX_OBJECT_BYTES) {
            throw new S3Exception(S3Error.ENTITY_TOO_LARGE);
        }
        DigestExpectations expectations = DigestExpectations.of(request);
        UploadId uploadId = UploadId.random();
        var sender = new ChunkSender(producer, chunksTopic, uploadId, budget, config.uploadInflightChunks(),
                IngestProducer.ackWait());
        String previousMdc = MDC.get("uploadId");
        MDC.put("uploadId", uploadId.value());
        boolean committed = false;
        String abortReason = "failed";
        try {
            BodyDigests digests = new BodyDigests(expectations.algorithm());
            streamChunks(request, body, sender, digests);
            digests.finish();
            expectations.verify(digests, body.trailers());
            sender.awaitChunkAcks();

            VersionId version = versionClock.nextAfter(newestSeen(request, newestSeenBefore));
            ObjectManifest manifest = manifest(request, version, sender.chunkCount(), digests);
            if (request.acknowledgement() == Acknowledgement.DURABLE) {
                // every chunk and now the commit (or the one record carrying both) are on all in-sync replicas: the
                // archiver and the indexer make the object readable from Kafka alone, so nothing the request still
                // holds can lose it
                sender.commit(manifest);
                committed = true;
            } else {
                // registered before the commit (or the one record of a small body) is sent, so a fast indexer cannot
                // apply it unseen
                try (VisibilityWaiter.Pending pending = visibility.register(version)) {
                    sender.commit(manifest);
                    committed = true;
                    awaitVisible(pending, manifest);
                }
            }
            log.debug("upload committed bucket={} key={} version={} bytes={} chunks={} ack={}", request.bucket(),
                    request.key(), version, manifest.sizeBytes(), manifest.chunkCount(),
                    request.acknowledgement().headerValue());
            return new UploadResult(manifest);
        } catch (S3Exception e) {
            abortReason = e.error().code();
            throw e;
        } catch (IOException e) {
            abortReason = "ClientConnectionFailed";
            throw e;
        } catch (RuntimeException e) {
            abortReason = e.getClass().getSimpleName();
            throw e;
        } finally {
            if (!committed) {
                sender.abort(abortReason);
            }
            if (previousMdc == null) {
                MDC.remove("uploadId");
            } else {
                MDC.put("uploadId", previousMdc);
            }
        }
    }

    /**
     * Reads the body chunk by chunk, each filled up to the chunk size (short socket reads never make short chunks),
     * and sends them. A chunk's budget is taken before its bytes are read, so a full budget stops reading from the
     * socket. One byte is read ahead to see the end of the body without allocating a chunk for nothing; a body that
     * ends within its first chunk is not sent here but held for the commit ({@link ChunkSender#holdOnlyChunk}).
     */
    private void streamChunks(UploadRequest request, DecodedBody body, ChunkSender sender, BodyDigests digests)
            throws IOException {
        int chunkSize = config.chunkSizeBytes();
        long limit = request.contentLength() >= 0 ? request.contentLength() : MAX_OBJECT_BYTES;
        long offset = 0;
        int next = body.read();
        while (next >= 0) {
            // a small object takes a small buffer and budget; past a declared end, one byte shows the overrun
            int capacity = (int) Math.min(chunkSize, Math.max(1, limit - offset));
            sender.reserve(capacity);
            byte[] data;
            boolean handedOff = false;
            try {
                // one array per chunk: the producer owns it until the send completes (a pool is a later step)
                byte[] buffer = new byte[capacity];
                buffer[0] = (byte) next;
                int filled = 1;
                boolean ended = false;
                while (filled < capacity) {
                    int read = body.read(buffer, filled, capacity - filled);
                    if (read < 0) {
                        ended = true;
                        break;
                    }
                    filled += read;
                }
                if (offset + filled > limit) {
                    throw tooLong(request);
                }
                data = filled == capacity ? buffer : Arrays.copyOf(buffer, filled);
                digests.update(data, 0, data.length);
                // a body that ends in its first chunk goes out with its commit as one record (issue 6), so the first
                // chunk looks a byte ahead before it is sent; later chunks are sent before the socket is read again
                boolean first = offset == 0;
                if (first) {
                    next = ended ? -1 : body.read();
                }
                // from here the sender owns the reservation, whether the send succeeds or throws
                handedOff = true;
                if (first && next < 0) {
                    sender.holdOnlyChunk(data, capacity);
                } else {
                    sender.sendChunk(offset, data, capacity);
                }
                offset += filled;
                if (!first) {
                    next = ended ? -1 : body.read();
                }
            } finally {
                if (!handedOff) {
                    sender.cancel(capacity);
                }
            }
        }
        if (request.contentLength() >= 0 && offset < request.contentLength()) {
            throw new S3Exception(S3Error.INCOMPLETE_BODY);
        }
    }

    private static S3Exception tooLong(UploadRequest request) {
        if (request.contentLength() < 0) {
            return new S3Exception(S3Error.ENTITY_TOO_LARGE);
        }
        return new S3Exception(S3Error.INVALID_REQUEST, "The body is longer than its declared length.");
    }

    private ObjectManifest manifest(UploadRequest request, VersionId version, long chunkCount, BodyDigests digests) {
        ObjectMetadata given = request.metadata();
        Map<String, String> checksums = StoredChecksums.ofBody(digests.algorithm(), digests.checksumBase64());
        var metadata = new ObjectMetadata(given.contentType(), given.contentEncoding(), given.contentDisposition(),
                given.cacheControl(), given.expires(), given.userMetadata(), checksums, given.tags());
        return new ObjectManifest(request.bucket(), request.key(), version, digests.sizeBytes(), chunkCount,
                digests.md5Hex(), digests.sha256Hex(), clock.instant().truncatedTo(ChronoUnit.MILLIS), metadata,
                request.partOf(), 0, request.condition());
    }

    /**
     * The version the new one must sort after: the key's newest, and for a part also the part's current upload, since
     * the newest version of a part number wins (a re-upload through an instance whose clock is behind still wins).
     */
    private VersionId newestSeen(UploadRequest request, VersionId seenBefore) {
        VersionId seen = seenBefore != null ? seenBefore
                : catalog.newestVersion(request.bucket(), request.key()).orElse(VersionId.ZERO);
        PartOf partOf = request.partOf();
        if (partOf != null) {
            for (PartInfo part : catalog.parts(partOf.multipartUploadId(), partOf.partNumber() - 1, 1)) {
                VersionId partVersion = part.manifest().versionId();
                if (part.partNumber() == partOf.partNumber() && partVersion.isAfter(seen)) {
                    seen = partVersion;
                }
            }
        }
        return seen;
    }

    private void awaitVisible(VisibilityWaiter.Pending pending, ObjectManifest manifest) {
        VisibilityWaiter.AppliedOutcome outcome = Visibility.await(pending, config.visibilityTimeout(),
                "upload bucket=" + manifest.bucket() + " key=" + manifest.key() + " version=" + manifest.versionId());
        if (outcome != VisibilityWaiter.AppliedOutcome.APPLIED && manifest.partOf() != null) {
            // the multipart upload was completed or aborted while the part streamed; the indexer already recorded
            // the part's blob as dead
            log.debug("part refused, upload no longer open bucket={} key={} multipartUploadId={} part={}",
                    manifest.bucket(), manifest.key(), manifest.partOf().multipartUploadId(),
                    manifest.partOf().partNumber());
            throw new S3Exception(S3Error.NO_SUCH_UPLOAD);
        }
        if (outcome != VisibilityWaiter.AppliedOutcome.APPLIED && manifest.condition() != null) {
            // If-None-Match / If-Match failed when the indexer applied it (another writer won the race); the indexer
            // already recorded the blob as dead
            log.debug("conditional upload refused bucket={} key={} version={} condition={}", manifest.bucket(),
                    manifest.key(), manifest.versionId(), manifest.condition().kind());
            throw new S3Exception(S3Error.PRECONDITION_FAILED);
        }
        if (outcome != VisibilityWaiter.AppliedOutcome.APPLIED) {
            // the indexer refuses objects only as parts or for a failed condition; a refused object commit means a broken invariant
            log.error("catalog refused an object commit bucket={} key={} version={} outcome={}", manifest.bucket(),
                    manifest.key(), manifest.versionId(), outcome);
            throw new S3Exception(S3Error.INTERNAL_ERROR);
        }
    }
}
