package dev.blobpipe.compactor;

import dev.blobpipe.catalog.BucketLifecycle;
import dev.blobpipe.catalog.ExpiringObject;
import dev.blobpipe.catalog.LifecycleCatalog;
import dev.blobpipe.catalog.MultipartUpload;
import dev.blobpipe.schemas.LifecycleRule;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.VersionClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the buckets' lifecycle rules: for every enabled rule, publishes {@link ObjectEvent.ObjectExpired} for
 * each live object it selects that is old enough, and {@link ObjectEvent.MultipartAborted} for each incomplete
 * multipart upload under its prefix initiated long enough ago. The indexer applies an expiry only if the version it
 * names is still live, so an object overwritten after the query is never deleted; the expired version's bytes become
 * dead rows that dead blob collection deletes after the grace period.
 *
 * <p>Ages are counted as S3 counts them: an object expires at the first midnight UTC at least {@code Days} after its
 * last modification (https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html), so the cutoff
 * is today's midnight UTC minus the days. Like {@link UploadExpirer} it does not wait for the indexer: an expiry or
 * abort published again by the next sweep before the first was applied is REJECTED, changing nothing. Memory is
 * bounded by the batch size: buckets, objects and uploads are read a page at a time. Runs on the sweeping thread.
 */
final class LifecycleExpirer {
    private static final Logger log = LoggerFactory.getLogger(LifecycleExpirer.class);

    private final LifecycleCatalog lifecycle;
    private final EventSender events;
    private final VersionClock versions;
    private final int batchSize;

    /** What one run published. */
    record Counts(int objectsExpired, int uploadsAborted) {
    }

    LifecycleExpirer(LifecycleCatalog lifecycle, EventSender events, VersionClock versions, int batchSize) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.events = Objects.requireNonNull(events, "events");
        this.versions = Objects.requireNonNull(versions, "versions");
        this.batchSize = batchSize;
    }

    /** Applies every enabled rule of every bucket as of {@code now}. */
    Counts expire(Instant now) {
        int objects = 0;
        int uploads = 0;
        String afterBucket = "";
        while (true) {
            List<BucketLifecycle> buckets = lifecycle.bucketsWithRules(afterBucket, batchSize);
            for (BucketLifecycle bucket : buckets) {
                for (LifecycleRule rule : bucket.rules()) {
                    if (!rule.enabled()) {
                        continue;
                    }
                    if (rule.expires()) {
                        objects += expireObjects(bucket.bucket(), rule, now);
                    }
                    if (rule.abortsUploads()) {
                        uploads += abortUploads(bucket.bucket(), rule, now);
                    }
                }
            }
            if (buckets.size() < batchSize) {
                return new Counts(objects, uploads);
            }
            afterBucket = buckets.get(buckets.size() - 1).bucket();
        }
    }

    /** The last-modified or initiation time before which a rule of {@code days} applies at {@code now}. */
    static Instant cutoff(Instant now, int days) {
        return now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(days));
    }

    private int expireObjects(String bucket, LifecycleRule rule, Instant now) {
        Instant cutoff = cutoff(now, rule.expirationDays());
        int expired = 0;
        String afterKey = null;
        while (true) {
            List<ExpiringObject> page = lifecycle.objectsModifiedBefore(bucket, rule.prefix(), rule.tags(), cutoff,
                    afterKey, batchSize);
            for (ExpiringObject object : page) {
                var expiry = new ObjectEvent.ObjectExpired(bucket, object.key(),
                        versions.nextAfter(object.versionId()), object.versionId(), now);
                events.send(expiry);
                expired++;
                log.debug("object expired bucket={} key={} expiredVersion={} lastModified={} rule={} version={}",
                        bucket, object.key(), object.versionId(), object.lastModified(), rule.id(),
                        expiry.versionId());
            }
            if (page.size() < batchSize) {
                if (expired > 0) {
                    log.info("lifecycle expired objects bucket={} rule={} prefix={} objects={}", bucket, rule.id(),
                            rule.prefix(), expired);
                }
                return expired;
            }
            afterKey = page.get(page.size() - 1).key();
        }
    }

    /** Uploads are selected by prefix only: S3 refuses tag filters on AbortIncompleteMultipartUpload. */
    private int abortUploads(String bucket, LifecycleRule rule, Instant now) {
        Instant cutoff = cutoff(now, rule.abortAfterDays());
        int aborted = 0;
        MultipartUpload after = null;
        while (true) {
            List<MultipartUpload> page = lifecycle.uploadsInitiatedBefore(bucket, rule.prefix(), cutoff, after,
                    batchSize);
            for (MultipartUpload upload : page) {
                var abort = new ObjectEvent.MultipartAborted(upload.uploadId(), bucket, upload.key(),
                        versions.nextAfter(upload.versionId()));
                events.send(abort);
                aborted++;
                log.info("lifecycle aborted multipart upload bucket={} key={} multipartUploadId={} initiatedAt={}"
                        + " rule={} version={}", bucket, upload.key(), upload.uploadId(), upload.initiatedAt(),
                        rule.id(), abort.versionId());
            }
            if (page.size() < batchSize) {
                return aborted;
            }
            after = page.get(page.size() - 1);
        }
    }
}
