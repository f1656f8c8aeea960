package dev.blobpipe.ingest.s3;

import dev.blobpipe.blobstore.BlobStore;
import dev.blobpipe.catalog.BucketInfo;
import dev.blobpipe.catalog.Catalog;
import dev.blobpipe.catalog.ObjectInBucket;
import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.ingest.auth.DecodedBody;
import dev.blobpipe.ingest.auth.PayloadDecoder;
import dev.blobpipe.ingest.auth.SigV4Verifier;
import dev.blobpipe.ingest.auth.SignedRequest;
import dev.blobpipe.ingest.auth.VerifiedRequest;
import dev.blobpipe.ingest.upload.EventPublisher;
import dev.blobpipe.ingest.upload.ObjectUploader;
import dev.blobpipe.ingest.upload.UploadRequest;
import dev.blobpipe.ingest.upload.UploadResult;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.VersionClock;
import dev.blobpipe.schemas.VersionId;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the front door talks to: catalog and blob store for reads, the verifier and decoder for authentication, the
 * uploader and event publisher for writes. {@link #of} wires the real ones; the functional interfaces let an HTTP
 * test put plain fakes behind the real Jetty pipeline.
 */
public record S3Backend(
        Catalog catalog,
        BlobStore blobs,
        Authenticator authenticator,
        BodyDecoder bodies,
        Uploader uploader,
        EventSink events,
        VersionClock versions,
        Clock clock) {

    /** Checks a request's signature ({@link SigV4Verifier#verify}). */
    @FunctionalInterface
    public interface Authenticator {
        VerifiedRequest verify(SignedRequest request);
    }

    /** Turns the raw body into what the client meant ({@link PayloadDecoder#decode}). */
    @FunctionalInterface
    public interface BodyDecoder {
        DecodedBody decode(InputStream raw, VerifiedRequest verified, long decodedLength);
    }

    /**
     * Stores one PutObject or UploadPart ({@link ObjectUploader#upload(UploadRequest, DecodedBody, VersionId)});
     * {@code newestSeenBefore} is the key's newest version read earlier in the request, or null to let it ask.
     */
    @FunctionalInterface
    public interface Uploader {
        UploadResult upload(UploadRequest request, DecodedBody body, VersionId newestSeenBefore) throws IOException;
    }

    /** Publishes a data-less event and waits until the catalog applied it ({@link EventPublisher#publishAndAwait}). */
    @FunctionalInterface
    public interface EventSink {
        AppliedOutcome publishAndAwait(ObjectEvent event);

        /** Several events, sent together then awaited ({@link EventPublisher#publishAllAndAwait}); here one by one. */
        default List<AppliedOutcome> publishAllAndAwait(List<? extends ObjectEvent> events) {
            List<AppliedOutcome> outcomes = new ArrayList<>(events.size());
            for (ObjectEvent event : events) {
                outcomes.add(publishAndAwait(event));
            }
            return outcomes;
        }
    }

    public S3Backend {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(bodies, "bodies");
        Objects.requireNonNull(uploader, "uploader");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(versions, "versions");
        Objects.requireNonNull(clock, "clock");
    }

    public static S3Backend of(Catalog catalog, BlobStore blobs, SigV4Verifier verifier, ObjectUploader uploader,
            EventPublisher events, VersionClock versions, Clock clock) {
        EventSink sink = new EventSink() {
            @Override
            public AppliedOutcome publishAndAwait(ObjectEvent event) {
                return events.publishAndAwait(event);
            }

            @Override
            public List<AppliedOutcome> publishAllAndAwait(List<? extends ObjectEvent> batch) {
                return events.publishAllAndAwait(batch);
            }
        };
        return new S3Backend(catalog, blobs, verifier::verify, PayloadDecoder::decode, uploader::upload, sink,
                versions, clock);
    }

    /** The live bucket, else NoSuchBucket (without asking the catalog for a name no bucket can have). */
    BucketInfo requireBucket(String name) {
        if (!BucketName.isValid(name)) {
            throw new S3Exception(S3Error.NO_SUCH_BUCKET);
        }
        return catalog.bucket(name).orElseThrow(() -> new S3Exception(S3Error.NO_SUCH_BUCKET));
    }

    /**
     * The live bucket with the key's live and newest versions, in one catalog query; else NoSuchBucket (without a
     * query for a name no bucket can have).
     */
    ObjectInBucket requireBucketOf(String bucket, String key) {
        if (!BucketName.isValid(bucket)) {
            throw new S3Exception(S3Error.NO_SUCH_BUCKET);
        }
        ObjectInBucket found = catalog.objectInBucket(bucket, key);
        if (found.bucket().isEmpty()) {
            throw new S3Exception(S3Error.NO_SUCH_BUCKET);
        }
        return found;
    }

    /** The key's live version, else NoSuchBucket or, in a live bucket, NoSuchKey; one catalog query. */
    StoredObject requireObject(String bucket, String key) {
        return requireBucketOf(bucket, key).object().orElseThrow(() -> new S3Exception(S3Error.NO_SUCH_KEY));
    }
}
