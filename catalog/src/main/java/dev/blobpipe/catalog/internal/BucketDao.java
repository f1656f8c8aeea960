package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.BucketInfo;
import dev.blobpipe.schemas.VersionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL on {@code buckets}: one row per name holding its newest create (live) or delete (tombstone). */
@RegisterRowMapper(BucketDao.BucketInfoMapper.class)
@RegisterRowMapper(BucketDao.BucketStateMapper.class)
public interface BucketDao {

    /** What {@link BucketInfoMapper} reads, in its order; qualified so that a query may join other tables. */
    String INFO_COLUMNS = "buckets.name, buckets.created_at, buckets.region";

    @SqlQuery("SELECT " + INFO_COLUMNS + " FROM buckets WHERE NOT deleted ORDER BY name")
    List<BucketInfo> allLive();

    @SqlQuery("SELECT version_id FROM buckets WHERE name = :name")
    Optional<String> newestVersion(@Bind("name") String name);

    /** The name's current version, row-locked until the transaction ends; empty if never seen. */
    @SqlQuery("SELECT version_id, deleted FROM buckets WHERE name = :name FOR UPDATE")
    Optional<BucketState> lockCurrent(@Bind("name") String name);

    /** Inserts the first row of a name; 0 if a concurrent transaction inserted it first. */
    @SqlUpdate("""
            INSERT INTO buckets (name, version_id, deleted, created_at, region)
            VALUES (:name, :versionId, :deleted, :createdAt, :region)
            ON CONFLICT (name) DO NOTHING
            """)
    int insertFirst(@Bind("name") String name, @Bind("versionId") String versionId, @Bind("deleted") boolean deleted,
            @Bind("createdAt") Instant createdAt, @Bind("region") String region);

    /** Brings a deleted bucket back with a newer create. */
    @SqlUpdate("""
            UPDATE buckets SET version_id = :versionId, deleted = false, created_at = :createdAt, region = :region
            WHERE name = :name AND deleted AND version_id < :versionId
            """)
    int recreate(@Bind("name") String name, @Bind("versionId") String versionId, @Bind("createdAt") Instant createdAt,
            @Bind("region") String region);

    /** Turns the row into a tombstone of a newer delete; created_at and region stay for the record. */
    @SqlUpdate("""
            UPDATE buckets SET version_id = :versionId, deleted = true
            WHERE name = :name AND version_id < :versionId
            """)
    int tombstone(@Bind("name") String name, @Bind("versionId") String versionId);

    /** A bucket name's newest version and whether that version is a delete. */
    record BucketState(VersionId versionId, boolean deleted) {
    }

    /** Reads {@link BucketState}. */
    final class BucketStateMapper implements RowMapper<BucketState> {
        @Override
        public BucketState map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new BucketState(VersionId.parse(rs.getString("version_id")), rs.getBoolean("deleted"));
        }
    }

    /** Reads a live row's {@link #INFO_COLUMNS} into a {@link BucketInfo}. */
    final class BucketInfoMapper implements RowMapper<BucketInfo> {
        @Override
        public BucketInfo map(ResultSet rs, StatementContext ctx) throws SQLException {
            return read(rs, 1);
        }

        /** The bucket in the columns of {@link #INFO_COLUMNS} from index {@code first}; by index, for hot lookups. */
        public static BucketInfo read(ResultSet rs, int first) throws SQLException {
            // a Timestamp, not an OffsetDateTime: the same instant, with fewer objects to build
            return new BucketInfo(rs.getString(first), rs.getTimestamp(first + 1).toInstant(), rs.getString(first + 2));
        }
    }
}
