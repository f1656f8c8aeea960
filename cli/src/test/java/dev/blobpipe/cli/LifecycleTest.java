package dev.blobpipe.cli;

import static dev.blobpipe.cli.testing.S3Errors.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortIncompleteMultipartUpload;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationResponse;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleAndOperator;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Bucket lifecycle configuration through the AWS SDK v2 with its defaults (it sends a checksum with these requests):
 * a log archive keeping 30 days and a backup rule keeping 90, read back, deleted, and the errors S3 answers.
 */
class LifecycleTest {
    private static final LifecycleRule LOGS = LifecycleRule.builder()
            .id("logs-30d")
            .filter(LifecycleRuleFilter.builder().prefix("logs/").build())
            .status(ExpirationStatus.ENABLED)
            .expiration(LifecycleExpiration.builder().days(30).build())
            .build();
    private static final LifecycleRule BACKUPS = LifecycleRule.builder()
            .id("backups-90d")
            .filter(LifecycleRuleFilter.builder().and(LifecycleRuleAndOperator.builder().prefix("db/")
                    .tags(Tag.builder().key("retention").value("short").build()).build()).build())
            .status(ExpirationStatus.DISABLED)
            .expiration(LifecycleExpiration.builder().days(90).build())
            .build();
    private static final LifecycleRule UPLOADS = LifecycleRule.builder()
            .id("uploads-7d")
            .filter(LifecycleRuleFilter.builder().prefix("").build())
            .status(ExpirationStatus.ENABLED)
            .abortIncompleteMultipartUpload(AbortIncompleteMultipartUpload.builder().daysAfterInitiation(7).build())
            .build();

    private static final S3Client s3 = BlobpipeFixture.shared().sharedClient();

    @Test
    void lifecycleConfigurationRoundTripsAndIsDeleted() {
        // given
        String bucket = newBucket("roundtrip");

        // when
        s3.putBucketLifecycleConfiguration(put -> put.bucket(bucket)
                .lifecycleConfiguration(configuration -> configuration.rules(LOGS, BACKUPS, UPLOADS)));
        GetBucketLifecycleConfigurationResponse read = s3.getBucketLifecycleConfiguration(get -> get.bucket(bucket));
        s3.deleteBucketLifecycle(delete -> delete.bucket(bucket));

        // then
        assertThat(read.rules()).containsExactly(LOGS, BACKUPS, UPLOADS);
        assertS3Error(() -> s3.getBucketLifecycleConfiguration(get -> get.bucket(bucket)), 404,
                "NoSuchLifecycleConfiguration");
    }

    @Test
    void newConfigurationReplacesTheOldOne() {
        String bucket = newBucket("replace");
        s3.putBucketLifecycleConfiguration(put -> put.bucket(bucket)
                .lifecycleConfiguration(configuration -> configuration.rules(LOGS, UPLOADS)));

        s3.putBucketLifecycleConfiguration(put -> put.bucket(bucket)
                .lifecycleConfiguration(configuration -> configuration.rules(BACKUPS)));

        assertThat(s3.getBucketLifecycleConfiguration(get -> get.bucket(bucket)).rules()).containsExactly(BACKUPS);
    }

    @Test
    void bucketWithoutConfigurationHasNone() {
        String bucket = newBucket("none");

        assertS3Error(() -> s3.getBucketLifecycleConfiguration(get -> get.bucket(bucket)), 404,
                "NoSuchLifecycleConfiguration");
        assertS3Error(() -> s3.getBucketLifecycleConfiguration(get -> get.bucket(bucket + "-missing")), 404,
                "NoSuchBucket");
    }

    @Test
    void badConfigurationsAreRefusedAndChangeNothing() {
        String bucket = newBucket("refused");
        s3.putBucketLifecycleConfiguration(put -> put.bucket(bucket)
                .lifecycleConfiguration(configuration -> configuration.rules(LOGS)));

        assertS3Error(() -> put(bucket, LOGS.toBuilder().expiration(e -> e.days(0)).build()), 400,
                "InvalidArgument");
        assertS3Error(() -> put(bucket, LOGS, LOGS), 400, "InvalidArgument");
        assertS3Error(() -> put(bucket, LOGS.toBuilder().expiration((LifecycleExpiration) null).build()), 400,
                "InvalidRequest");
        assertS3Error(() -> put(bucket, LOGS.toBuilder()
                .expiration(e -> e.date(Instant.parse("2030-01-01T00:00:00Z"))).build()), 501, "NotImplemented");

        assertThat(s3.getBucketLifecycleConfiguration(get -> get.bucket(bucket)).rules()).containsExactly(LOGS);
    }

    private static void put(String bucket, LifecycleRule... rules) {
        s3.putBucketLifecycleConfiguration(put -> put.bucket(bucket)
                .lifecycleConfiguration(configuration -> configuration.rules(rules)));
    }

    private static String newBucket(String prefix) {
        String bucket = BlobpipeFixture.uniqueBucket("lifecycle-" + prefix);
        s3.createBucket(create -> create.bucket(bucket));
        return bucket;
    }
}
