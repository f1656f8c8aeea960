package dev.blobpipe.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Catalog rows written straight into blobpipe's PostgreSQL: what a PUT leaves, pointing at one shared dummy blob, for
 * listings only (the S3 path would take hours for 10M objects; the rows are listed, never read).
 */
final class CatalogSeed {
    /** Keys of the listing benchmark: {@code logs/host-HHH/day-DDD/NNNNNNN.log}, 100 hosts x 100 days x files. */
    static final String LOG_KEYS = "format('logs/host-%s/day-%s/%s.log', lpad((n % 100)::text, 3, '0'),"
            + " lpad(((n / 100) % 100)::text, 3, '0'), lpad((n / 10000)::text, 7, '0'))";
    /** Flat keys {@code k000000000} on: the comparison's listings, the same keys as in S3Proxy's directory. */
    static final String FLAT_KEYS = "'k' || lpad(n::text, 9, '0')";
    private static final int BATCH = 1_000_000;

    private CatalogSeed() {
    }

    /** Inserts {@code objects} rows into an existing bucket; {@code keyExpression} is one of the constants above. */
    static void insert(String jdbcUrl, String bucket, long objects, String keyExpression) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            connection.setAutoCommit(false);
            // the key expression is one of our constants, never input: the values are bound
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO objects (bucket, key, version_id, deleted, size_bytes, chunk_count, md5_hex, sha256_hex,
                                         last_modified, content_type, user_metadata, checksums, blob_name, blob_offset,
                                         blob_length)
                    SELECT ?, %s,
                           lpad(to_hex(1700000000000 + n), 12, '0') || '00000001', false, 4096, 1, md5(n::text),
                           repeat('0', 64), now(), 'text/plain', '{}'::jsonb, '{}'::jsonb, 'seed/blob', 0, 4096
                    FROM generate_series(?, ?) AS n
                    """.formatted(keyExpression))) {
                for (long from = 0; from < objects; from += BATCH) {
                    insert.setString(1, bucket);
                    insert.setLong(2, from);
                    insert.setLong(3, Math.min(objects, from + BATCH) - 1);
                    insert.executeUpdate();
                    connection.commit();
                }
            }
            // a catalog that has been up a while is vacuumed (its visibility map set, so listings are index-only
            // scans); one bulk-loaded a moment ago is not yet, and autovacuum would still be at work during the run
            connection.setAutoCommit(true);
            try (var vacuum = connection.createStatement()) {
                vacuum.execute("VACUUM (ANALYZE) objects");
            }
        }
    }
}
