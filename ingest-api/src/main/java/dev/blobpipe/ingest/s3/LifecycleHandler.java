package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.schemas.LifecycleRule;
import dev.blobpipe.schemas.ObjectEvent.BucketLifecycleSet;
import dev.blobpipe.schemas.VersionId;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Put/Get/DeleteBucketLifecycleConfiguration. The configuration is an event like every other catalog change; the
 * compactor carries the rules out in its sweeps, so objects disappear some time after they become due, not at once
 * (as in S3, where expiry is asynchronous too).
 */
final class LifecycleHandler {
    private static final Logger log = LoggerFactory.getLogger(LifecycleHandler.class);

    private final S3Backend backend;

    LifecycleHandler(S3Backend backend) {
        this.backend = backend;
    }

    void put(S3Call call) throws IOException {
        String bucket = call.bucket();
        backend.requireBucket(bucket);
        List<LifecycleRule> rules = LifecycleXml.parse(
                RequestDocument.read(call, backend, "LifecycleConfiguration", LifecycleXml.MAX_DOCUMENT_BYTES));
        publish(bucket, rules);
        call.status(200);
    }

    void get(S3Call call) throws IOException {
        String bucket = call.bucket();
        backend.requireBucket(bucket);
        List<LifecycleRule> rules = backend.catalog().lifecycleRules(bucket);
        if (rules.isEmpty()) {
            throw new S3Exception(S3Error.NO_SUCH_LIFECYCLE_CONFIGURATION);
        }
        call.sendXml("LifecycleConfiguration", xml -> LifecycleXml.write(xml, rules));
    }

    /** 204 whether or not the bucket had a configuration, as S3 answers. */
    void delete(S3Call call) {
        String bucket = call.bucket();
        backend.requireBucket(bucket);
        if (!backend.catalog().lifecycleRules(bucket).isEmpty()) {
            publish(bucket, List.of());
        }
        call.status(204);
    }

    private void publish(String bucket, List<LifecycleRule> rules) {
        // last writer wins per bucket: a version from the clock sorts after any earlier configuration set here
        VersionId version = backend.versions().next();
        if (backend.events().publishAndAwait(new BucketLifecycleSet(bucket, version, rules))
                == AppliedOutcome.REJECTED) {
            throw new S3Exception(S3Error.NO_SUCH_BUCKET);
        }
        log.debug("bucket lifecycle set bucket={} rules={} version={}", bucket, rules.size(), version);
    }
}
