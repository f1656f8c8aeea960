package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.ObjectInBucket;
import dev.blobpipe.ingest.auth.DecodedBody;
import dev.blobpipe.ingest.upload.Acknowledgement;
import dev.blobpipe.ingest.upload.StoredChecksums;
import dev.blobpipe.ingest.upload.UploadRequest;
import dev.blobpipe.ingest.upload.UploadResult;
import dev.blobpipe.schemas.ObjectEvent.ObjectDeleted;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.VersionId;
import dev.blobpipe.schemas.WriteCondition;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PutObject and DeleteObject. Everything a PUT can be refused for without its body (key length, bucket, size,
 * metadata, tags, checksum headers, a write condition that already fails, the x-blobpipe-ack value) is checked first;
 * then the body streams through the decoder into the uploader, which answers once the object is readable, or for a
 * durable acknowledgement once Kafka holds it.
 */
final class ObjectWriteHandler {
    private static final Logger log = LoggerFactory.getLogger(ObjectWriteHandler.class);

    private final S3Backend backend;
    private final Set<String> durableAckBuckets;

    /** {@code durableAckBuckets}: buckets whose PUTs answer durable unless the request asks otherwise. */
    ObjectWriteHandler(S3Backend backend, Set<String> durableAckBuckets) {
        this.backend = backend;
        this.durableAckBuckets = Set.copyOf(durableAckBuckets);
    }

    void put(S3Call call) throws IOException {
        String bucket = call.bucket();
        String key = call.key();
        UploadHeaders.requireKeyLength(key);
        var headers = new UploadHeaders(call.headers());
        long decodedLength = headers.decodedLength();
        WriteCondition condition = WriteConditions.parse(call);
        Acknowledgement asked = headers.acknowledgement(
                durableAckBuckets.contains(bucket) ? Acknowledgement.DURABLE : Acknowledgement.VISIBLE);
        // a condition's answer (200 or 412) is the indexer's decision, so such a PUT waits for it whatever was asked
        Acknowledgement acknowledgement = condition == null ? asked : Acknowledgement.VISIBLE;
        var request = new UploadRequest(bucket, key, decodedLength, headers.metadata(), headers.contentMd5(),
                headers.checksum(), null, condition, acknowledgement);
        // one query answers the bucket, the key's current object and its newest version for the version clock
        ObjectInBucket found = backend.requireBucketOf(bucket, key);
        if (condition != null) {
            // before the body: a condition that already fails costs no chunk (the indexer decides for good)
            WriteConditions.precheck(condition, found.object());
        }
        UploadResult result;
        try (DecodedBody body = backend.bodies().decode(call.rawBody(), call.verified(), decodedLength)) {
            result = backend.uploader().upload(request, body, found.newestVersion().orElse(VersionId.ZERO));
        }
        ObjectManifest manifest = result.manifest();
        log.debug("object stored bucket={} key={} version={} bytes={}", bucket, key, manifest.versionId(),
                manifest.sizeBytes());
        call.status(200);
        call.responseHeader("ETag", manifest.etag());
        call.responseHeader(UploadHeaders.ACK_HEADER, acknowledgement.headerValue());
        StoredChecksums.headers(manifest.metadata().checksums()).forEach(call::responseHeader);
    }

    /** 204 whether or not the key existed, as S3 answers; only a live key costs an event. */
    void delete(S3Call call) {
        String bucket = call.bucket();
        String key = call.key();
        ObjectInBucket found = backend.requireBucketOf(bucket, key);
        if (found.object().isPresent()) {
            VersionId version = backend.versions().nextAfter(found.newestVersion().orElseThrow());
            backend.events().publishAndAwait(new ObjectDeleted(bucket, key, version, backend.clock().instant()));
            log.debug("object deleted bucket={} key={} version={}", bucket, key, version);
        }
        call.status(204);
    }
}
