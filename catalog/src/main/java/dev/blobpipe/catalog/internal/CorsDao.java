package dev.blobpipe.catalog.internal;

import dev.blobpipe.schemas.CorsRule;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL on {@code bucket_cors} and {@code bucket_cors_rules}: each bucket's newest CORS configuration (last writer wins by
 * version; a deleted configuration is a row without rules) and its rules in order.
 */
@RegisterRowMapper(CorsDao.CorsRuleMapper.class)
public interface CorsDao {

    /** The version of the bucket's current configuration, row-locked until the transaction ends; empty if none. */
    @SqlQuery("SELECT version_id FROM bucket_cors WHERE bucket = :bucket FOR UPDATE")
    Optional<String> lockVersion(@Bind("bucket") String bucket);

    /** Inserts the first configuration of a bucket; 0 if a concurrent transaction inserted it first. */
    @SqlUpdate("""
            INSERT INTO bucket_cors (bucket, version_id) VALUES (:bucket, :versionId)
            ON CONFLICT (bucket) DO NOTHING
            """)
    int insertFirst(@Bind("bucket") String bucket, @Bind("versionId") String versionId);

    /** Makes {@code versionId} the bucket's configuration if it is newer; its old rules must then be removed. */
    @SqlUpdate("UPDATE bucket_cors SET version_id = :versionId WHERE bucket = :bucket AND version_id < :versionId")
    int replaceOlder(@Bind("bucket") String bucket, @Bind("versionId") String versionId);

    @SqlUpdate("DELETE FROM bucket_cors_rules WHERE bucket = :bucket")
    int removeRules(@Bind("bucket") String bucket);

    @SqlUpdate("""
            INSERT INTO bucket_cors_rules (bucket, seq, rule_id, allowed_origins, allowed_methods, allowed_headers,
                                           expose_headers, max_age_seconds)
            VALUES (:bucket, :seq, :ruleId, CAST(:allowedOrigins AS text[]), CAST(:allowedMethods AS text[]),
                    CAST(:allowedHeaders AS text[]), CAST(:exposeHeaders AS text[]), :maxAgeSeconds)
            """)
    int insertRule(@Bind("bucket") String bucket, @Bind("seq") int seq, @Bind("ruleId") String ruleId,
            @Bind("allowedOrigins") String[] allowedOrigins, @Bind("allowedMethods") String[] allowedMethods,
            @Bind("allowedHeaders") String[] allowedHeaders, @Bind("exposeHeaders") String[] exposeHeaders,
            @Bind("maxAgeSeconds") int maxAgeSeconds);

    default void insertRules(String bucket, List<CorsRule> rules) {
        for (int seq = 0; seq < rules.size(); seq++) {
            CorsRule rule = rules.get(seq);
            insertRule(bucket, seq, rule.id(), rule.allowedOrigins().toArray(String[]::new),
                    rule.allowedMethods().toArray(String[]::new), rule.allowedHeaders().toArray(String[]::new),
                    rule.exposeHeaders().toArray(String[]::new), rule.maxAgeSeconds());
        }
    }

    /**
     * The rules of a live bucket, in order; none when its configuration predates the bucket's own version (it was set
     * on an earlier, deleted bucket of that name).
     */
    @SqlQuery("""
            SELECT rule.rule_id, rule.allowed_origins, rule.allowed_methods, rule.allowed_headers,
                   rule.expose_headers, rule.max_age_seconds
            FROM bucket_cors AS cors
            JOIN buckets AS bucket ON bucket.name = cors.bucket
            JOIN bucket_cors_rules AS rule ON rule.bucket = cors.bucket
            WHERE cors.bucket = :bucket AND NOT bucket.deleted AND cors.version_id > bucket.version_id
            ORDER BY rule.seq
            """)
    List<CorsRule> liveRules(@Bind("bucket") String bucket);

    /** Reads a {@code bucket_cors_rules} row. */
    final class CorsRuleMapper implements RowMapper<CorsRule> {
        @Override
        public CorsRule map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new CorsRule(rs.getString("rule_id"), List.of(texts(rs, "allowed_origins")),
                    List.of(texts(rs, "allowed_methods")), List.of(texts(rs, "allowed_headers")),
                    List.of(texts(rs, "expose_headers")), rs.getInt("max_age_seconds"));
        }

        private static String[] texts(ResultSet rs, String column) throws SQLException {
            Array array = rs.getArray(column);
            try {
                return (String[]) array.getArray();
            } finally {
                array.free();
            }
        }
    }
}
