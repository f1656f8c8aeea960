package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.BucketLifecycle;
import dev.blobpipe.catalog.ExpiringObject;
import dev.blobpipe.catalog.MultipartUpload;
import dev.blobpipe.schemas.LifecycleRule;
import dev.blobpipe.schemas.VersionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL on {@code bucket_lifecycle} and {@code bucket_lifecycle_rules}: each bucket's newest lifecycle configuration
 * (last writer wins by version; a deleted configuration is a row without rules) and its rules in order. The same
 * shape as {@link CorsDao}. Also the lifecycle expirer's questions: which live objects and which open uploads a rule
 * selects.
 */
@RegisterRowMapper(LifecycleDao.LifecycleRuleMapper.class)
@RegisterRowMapper(LifecycleDao.BucketRuleMapper.class)
public interface LifecycleDao {

    /** Live, not-stale configurations: the bucket is live and the configuration was set after it was created. */
    String LIVE = """
            FROM bucket_lifecycle AS lifecycle
            JOIN buckets AS bucket ON bucket.name = lifecycle.bucket
            JOIN bucket_lifecycle_rules AS rule ON rule.bucket = lifecycle.bucket
            WHERE NOT bucket.deleted AND lifecycle.version_id > bucket.version_id
            """;
    String RULE_COLUMNS = """
            SELECT rule.bucket, rule.rule_id, rule.enabled, rule.prefix, catalog_pairs(rule.tags) AS tag_pairs,
                   rule.legacy_prefix, rule.expiration_days, rule.abort_after_days
            """;

    /** The version of the bucket's current configuration, row-locked until the transaction ends; empty if none. */
    @SqlQuery("SELECT version_id FROM bucket_lifecycle WHERE bucket = :bucket FOR UPDATE")
    Optional<String> lockVersion(@Bind("bucket") String bucket);

    /** Inserts the first configuration of a bucket; 0 if a concurrent transaction inserted it first. */
    @SqlUpdate("""
            INSERT INTO bucket_lifecycle (bucket, version_id) VALUES (:bucket, :versionId)
            ON CONFLICT (bucket) DO NOTHING
            """)
    int insertFirst(@Bind("bucket") String bucket, @Bind("versionId") String versionId);

    /** Makes {@code versionId} the bucket's configuration if it is newer; its old rules must then be removed. */
    @SqlUpdate("UPDATE bucket_lifecycle SET version_id = :versionId WHERE bucket = :bucket AND version_id < :versionId")
    int replaceOlder(@Bind("bucket") String bucket, @Bind("versionId") String versionId);

    @SqlUpdate("DELETE FROM bucket_lifecycle_rules WHERE bucket = :bucket")
    int removeRules(@Bind("bucket") String bucket);

    @SqlUpdate("""
            INSERT INTO bucket_lifecycle_rules (bucket, seq, rule_id, enabled, prefix, tags, legacy_prefix,
                                                expiration_days, abort_after_days)
            VALUES (:bucket, :seq, :ruleId, :enabled, :prefix, jsonb_object(CAST(:tags AS text[])), :legacyPrefix,
                    :expirationDays, :abortAfterDays)
            """)
    int insertRule(@Bind("bucket") String bucket, @Bind("seq") int seq, @Bind("ruleId") String ruleId,
            @Bind("enabled") boolean enabled, @Bind("prefix") String prefix, @Bind("tags") String[] tags,
            @Bind("legacyPrefix") boolean legacyPrefix, @Bind("expirationDays") int expirationDays,
            @Bind("abortAfterDays") int abortAfterDays);

    default void insertRules(String bucket, List<LifecycleRule> rules) {
        for (int seq = 0; seq < rules.size(); seq++) {
            LifecycleRule rule = rules.get(seq);
            insertRule(bucket, seq, rule.id(), rule.enabled(), rule.prefix(), MetadataColumns.toPairs(rule.tags()),
                    rule.legacyPrefix(), rule.expirationDays(), rule.abortAfterDays());
        }
    }

    /** The rules of a live bucket, in order; none when its configuration predates the bucket's own version. */
    @SqlQuery(RULE_COLUMNS + LIVE + "AND lifecycle.bucket = :bucket ORDER BY rule.seq")
    List<LifecycleRule> liveRules(@Bind("bucket") String bucket);

    /**
     * Every live bucket with at least one enabled rule after {@code afterBucket} ("" to start), by name, with its
     * rules in order (disabled ones included); at most {@code limit} buckets.
     */
    @SqlQuery(RULE_COLUMNS + LIVE + """
            AND lifecycle.bucket IN (
                SELECT enabled_rule.bucket FROM bucket_lifecycle_rules AS enabled_rule
                WHERE enabled_rule.enabled AND enabled_rule.bucket > :afterBucket
                GROUP BY enabled_rule.bucket ORDER BY enabled_rule.bucket LIMIT :limit)
            ORDER BY rule.bucket, rule.seq
            """)
    List<BucketRule> bucketsWithRules(@Bind("afterBucket") String afterBucket, @Bind("limit") int limit);

    /**
     * Live objects of {@code bucket} with {@code from <= key} (strictly after {@code from} unless {@code inclusive}),
     * below {@code to} unless {@code unbounded}, last modified before {@code cutoff} and carrying every tag of
     * {@code tags} (pairs; none: any object), in key order. A key range, never LIKE: keys may hold % and _.
     */
    @SqlQuery("""
            SELECT bucket, key, version_id, last_modified FROM objects
            WHERE bucket = :bucket AND NOT deleted
              AND key >= :from AND (key > :from OR :inclusive) AND (:unbounded OR key < :to)
              AND last_modified < :cutoff
              AND coalesce(tags, '{}') @> jsonb_object(CAST(:tags AS text[]))
            ORDER BY key
            LIMIT :limit
            """)
    @RegisterRowMapper(ExpiringObjectMapper.class)
    List<ExpiringObject> liveModifiedBefore(@Bind("bucket") String bucket, @Bind("from") String from,
            @Bind("inclusive") boolean inclusive, @Bind("unbounded") boolean unbounded, @Bind("to") String to,
            @Bind("cutoff") Instant cutoff, @Bind("tags") String[] tags, @Bind("limit") int limit);

    /**
     * Open multipart uploads of {@code bucket} with {@code prefix <= key} and, unless {@code unbounded}, {@code key <
     * to}, initiated before {@code cutoff}, after the cursor ({@code afterKey}, {@code afterInitiated},
     * {@code afterUploadId}); ordered by key, initiation time and upload id (the open-uploads index's order).
     */
    @SqlQuery(MultipartDao.SELECT_UPLOAD + """
            WHERE bucket = :bucket AND state = 'open'
              AND key >= :prefix AND (:unbounded OR key < :to)
              AND initiated_at < :cutoff
              AND (key, initiated_at, upload_id) > (:afterKey, :afterInitiated, CAST(:afterUploadId AS text))
            ORDER BY key, initiated_at, upload_id
            LIMIT :limit
            """)
    @RegisterRowMapper(MultipartDao.MultipartUploadMapper.class)
    List<MultipartUpload> openInitiatedBefore(@Bind("bucket") String bucket, @Bind("prefix") String prefix,
            @Bind("unbounded") boolean unbounded, @Bind("to") String to, @Bind("cutoff") Instant cutoff,
            @Bind("afterKey") String afterKey, @Bind("afterInitiated") Instant afterInitiated,
            @Bind("afterUploadId") String afterUploadId, @Bind("limit") int limit);

    /** One rule and the bucket it belongs to. */
    record BucketRule(String bucket, LifecycleRule rule) {
    }

    /** Groups consecutive rows of {@link #bucketsWithRules} into one configuration per bucket. */
    static List<BucketLifecycle> group(List<BucketRule> rows) {
        List<BucketLifecycle> grouped = new ArrayList<>();
        String bucket = null;
        List<LifecycleRule> rules = new ArrayList<>();
        for (BucketRule row : rows) {
            if (!row.bucket().equals(bucket)) {
                if (bucket != null) {
                    grouped.add(new BucketLifecycle(bucket, rules));
                }
                bucket = row.bucket();
                rules = new ArrayList<>();
            }
            rules.add(row.rule());
        }
        if (bucket != null) {
            grouped.add(new BucketLifecycle(bucket, rules));
        }
        return grouped;
    }

    /** Reads a {@code bucket_lifecycle_rules} row. */
    final class LifecycleRuleMapper implements RowMapper<LifecycleRule> {
        @Override
        public LifecycleRule map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new LifecycleRule(rs.getString("rule_id"), rs.getBoolean("enabled"), rs.getString("prefix"),
                    MetadataColumns.pairs(rs, "tag_pairs"), rs.getBoolean("legacy_prefix"),
                    rs.getInt("expiration_days"), rs.getInt("abort_after_days"));
        }
    }

    /** Reads a row of {@link #liveModifiedBefore}. */
    final class ExpiringObjectMapper implements RowMapper<ExpiringObject> {
        @Override
        public ExpiringObject map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ExpiringObject(rs.getString("bucket"), rs.getString("key"),
                    VersionId.parse(rs.getString("version_id")),
                    rs.getObject("last_modified", OffsetDateTime.class).toInstant());
        }
    }

    /** Reads a rule row with its bucket. */
    final class BucketRuleMapper implements RowMapper<BucketRule> {
        private final LifecycleRuleMapper rules = new LifecycleRuleMapper();

        @Override
        public BucketRule map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new BucketRule(rs.getString("bucket"), rules.map(rs, ctx));
        }
    }
}
