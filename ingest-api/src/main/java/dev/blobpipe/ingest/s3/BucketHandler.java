package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.BucketInfo;
import dev.blobpipe.catalog.Catalog;
import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.ingest.auth.DecodedBody;
import dev.blobpipe.schemas.ObjectEvent.BucketCreated;
import dev.blobpipe.schemas.ObjectEvent.BucketDeleted;
import dev.blobpipe.schemas.VersionId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bucket operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation, GetBucketVersioning.
 * Creates and deletes are events: published, then answered once the catalog applied them.
 */
final class BucketHandler {
    private static final Logger log = LoggerFactory.getLogger(BucketHandler.class);
    /** A CreateBucketConfiguration is a few hundred bytes; S3 documents no limit, so this only stops abuse. */
    static final int MAX_CONFIGURATION_BYTES = 64 << 10;
    /** The region S3 reports as an empty LocationConstraint (for historical reasons). */
    private static final String CLASSIC_REGION = "us-east-1";

    private final S3Backend backend;
    private final Catalog catalog;
    private final Owner owner;
    private final String defaultRegion;

    BucketHandler(S3Backend backend, Owner owner, String defaultRegion) {
        this.backend = backend;
        this.catalog = backend.catalog();
        this.owner = owner;
        this.defaultRegion = defaultRegion;
    }

    void listBuckets(S3Call call) throws IOException {
        call.sendXml("ListAllMyBucketsResult", xml -> BucketXml.writeBuckets(xml, owner, catalog.buckets()));
    }

    void createBucket(S3Call call) throws IOException {
        String name = call.bucket();
        BucketName.requireValid(name);
        String region = readLocationConstraint(call).orElse(defaultRegion);
        if (catalog.bucket(name).isPresent()) {
            throw new S3Exception(S3Error.BUCKET_ALREADY_OWNED_BY_YOU);
        }
        VersionId version = backend.versions().nextAfter(catalog.newestBucketVersion(name).orElse(VersionId.ZERO));
        var event = new BucketCreated(name, version, backend.clock().instant(), region);
        if (backend.events().publishAndAwait(event) == AppliedOutcome.REJECTED) {
            throw new S3Exception(S3Error.BUCKET_ALREADY_OWNED_BY_YOU);
        }
        log.info("bucket created bucket={} region={} version={}", name, region, version);
        call.status(200);
        call.responseHeader("Location", "/" + name);
    }

    void headBucket(S3Call call) {
        BucketInfo bucket = backend.requireBucket(call.bucket());
        call.status(200);
        call.responseHeader("x-amz-bucket-region", bucket.region());
    }

    void deleteBucket(S3Call call) {
        String name = backend.requireBucket(call.bucket()).name();
        if (catalog.hasLiveObjects(name)) {
            throw new S3Exception(S3Error.BUCKET_NOT_EMPTY);
        }
        VersionId version = backend.versions().nextAfter(catalog.newestBucketVersion(name).orElse(VersionId.ZERO));
        // The indexer re-checks emptiness when it applies the event: a PUT that raced us makes it refuse.
        if (backend.events().publishAndAwait(new BucketDeleted(name, version)) == AppliedOutcome.REJECTED) {
            throw new S3Exception(S3Error.BUCKET_NOT_EMPTY);
        }
        log.info("bucket deleted bucket={} version={}", name, version);
        call.status(204);
    }

    void location(S3Call call) throws IOException {
        String region = backend.requireBucket(call.bucket()).region();
        call.sendXml("LocationConstraint", xml -> {
            if (!CLASSIC_REGION.equals(region)) {
                xml.text(region);
            }
        });
    }

    void versioning(S3Call call) throws IOException {
        backend.requireBucket(call.bucket());
        // never versioned: S3 answers an empty configuration for a bucket that never had versioning enabled
        call.sendXml("VersioningConfiguration", xml -> { });
    }

    private Optional<String> readLocationConstraint(S3Call call) throws IOException {
        long contentLength = call.contentLength();
        if (contentLength > MAX_CONFIGURATION_BYTES) {
            throw new S3Exception(S3Error.MAX_MESSAGE_LENGTH_EXCEEDED);
        }
        if (contentLength == 0) {
            return Optional.empty();
        }
        String decodedHeader = call.header("x-amz-decoded-content-length");
        long decodedLength = decodedHeader != null ? parseOrUnknown(decodedHeader) : contentLength;
        try (DecodedBody body = backend.bodies().decode(call.rawBody(), call.verified(), decodedLength);
                InputStream capped = new CappedInputStream(body, MAX_CONFIGURATION_BYTES,
                        S3Error.MAX_MESSAGE_LENGTH_EXCEEDED)) {
            Optional<String> location = BucketXml.parseLocationConstraint(capped);
            // drain so a signed payload's SHA-256 is checked at its end even if the XML ended early
            capped.transferTo(OutputStream.nullOutputStream());
            return location;
        }
    }

    private static long parseOrUnknown(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "Invalid x-amz-decoded-content-length: " + text);
        }
    }
}
