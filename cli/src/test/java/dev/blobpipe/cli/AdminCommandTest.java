package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code blobpipe admin …} against a running dev system, found through its data dir like an operator would. */
class AdminCommandTest {
    private static final String SMILE = new String(Character.toChars(0x1F600));
    private static BlobpipeFixture fixture;
    private static S3Client s3;
    private static String bucket;

    @TempDir
    Path dir;

    @BeforeAll
    static void fillBucket() {
        fixture = BlobpipeFixture.shared();
        s3 = fixture.client();
        bucket = BlobpipeFixture.uniqueBucket("admin");
        s3.createBucket(create -> create.bucket(bucket));
        put("logs/2024/01/a.gz", 1000);
        put("logs/2024/01/b.gz", 2000);
        put("logs/2024/02/100%_done", 3000);
        put("caf\u00e9/" + SMILE, 5);
        put("top.txt", 7);
        put("logs/gone", 50);
        s3.deleteObject(delete -> delete.bucket(bucket).key("logs/gone"));
        put("top.txt", 8); // overwritten: only the newest size counts
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @Test
    void duPrintsOneJsonLinePerLevelOfLiveObjects() {
        String out = run("admin", "du", "--data-dir", fixture.dataDir().toString(), "--bucket", bucket,
                "--depth", "2", "--json");

        assertThat(out.lines()).containsExactly(
                "{\"prefix\":\"\",\"objects\":1,\"bytes\":8}",
                "{\"prefix\":\"caf\u00e9/\",\"objects\":1,\"bytes\":5}",
                "{\"prefix\":\"logs/2024/\",\"objects\":3,\"bytes\":6000}");
    }

    @Test
    void duPrintsAlignedColumnsWithHumanSizes() {
        String out = run("admin", "du", "--data-dir", fixture.dataDir().toString(), "--bucket", bucket,
                "--prefix", "logs/2024/", "--depth", "1");

        assertThat(out.lines()).containsExactly(
                "     OBJECTS         SIZE  PREFIX",
                "           2      2.9 KiB  logs/2024/01/",
                "           1      2.9 KiB  logs/2024/02/");
    }

    @Test
    void exportWritesAParquetInventoryOfTheLiveObjects() throws SQLException {
        Path file = dir.resolve("inventory.parquet");

        String out = run("admin", "export", "--data-dir", fixture.dataDir().toString(), "--bucket", bucket,
                "--out", file.toString());

        assertThat(out).startsWith("exported 5 objects");
        assertThat(readSizes(file)).containsExactly(
                Map.entry("caf\u00e9/" + SMILE, 5L),
                Map.entry("logs/2024/01/a.gz", 1000L),
                Map.entry("logs/2024/01/b.gz", 2000L),
                Map.entry("logs/2024/02/100%_done", 3000L),
                Map.entry("top.txt", 8L));
    }

    @Test
    void aDataDirWithoutARunningSystemIsAUsageError() {
        var err = new StringWriter();
        int exit = Main.commandLine().setErr(new PrintWriter(err))
                .execute("admin", "stats", "--data-dir", dir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no blobpipe dev has run on");
    }

    private static String run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        return out.toString();
    }

    private static void put(String key, int size) {
        s3.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromBytes(new byte[size]));
    }

    private static Map<String, Long> readSizes(Path file) throws SQLException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet rs = statement.executeQuery("SELECT key, size, bucket FROM read_parquet('"
                        + file.toString().replace("'", "''") + "') ORDER BY key")) {
            while (rs.next()) {
                assertThat(rs.getString("bucket")).isEqualTo(bucket);
                sizes.put(rs.getString("key"), rs.getLong("size"));
            }
        }
        return sizes;
    }
}
