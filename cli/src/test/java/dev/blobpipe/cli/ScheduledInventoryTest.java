package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.embedded.testing.TempDirs;
import dev.blobpipe.schemas.config.ConfigValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The scheduled inventory stores a bucket's Parquet inventory as an object of another bucket. */
class ScheduledInventoryTest {

    @Test
    void inventoryOfTheSourceBucketAppearsInTheDestinationAndReadsBackWithDuckDb() throws Exception {
        Path dataDir = Files.createTempDirectory("blobpipe-inventory-");
        var settings = new ConfigValues(Map.of("ingest.port", "0", "stats.enabled", "false",
                "inventory.buckets", "photos=reports", "inventory.interval", "PT1S"));
        try (DevSystem system = DevSystem.start(dataDir, BlobpipeFixture.ACCESS_KEY, BlobpipeFixture.SECRET_KEY,
                settings);
                S3Client s3 = client(system)) {
            // given three objects in the source bucket
            s3.createBucket(create -> create.bucket("photos"));
            for (String key : List.of("a.jpg", "b/c.jpg", "d%_é.jpg")) {
                s3.putObject(put -> put.bucket("photos").key(key), RequestBody.fromString("image " + key));
            }

            // when the schedule has run with the destination in place
            s3.createBucket(create -> create.bucket("reports"));
            Supplier<Optional<S3Object>> complete =
                    () -> newestInventory(s3).filter(found -> keysIn(s3, found.key(), dataDir).size() == 3);
            S3Object inventory = Await.value(Duration.ofSeconds(60), "an inventory listing all three objects", complete);

            // then it is a Parquet file an independent reader agrees with
            assertThat(inventory.key()).startsWith("inventory/photos/").endsWith(".parquet");
            assertThat(keysIn(s3, inventory.key(), dataDir)).containsExactlyInAnyOrder("a.jpg", "b/c.jpg",
                    "d%_é.jpg");
        } finally {
            TempDirs.deleteQuietly(dataDir);
        }
    }

    private static Optional<S3Object> newestInventory(S3Client s3) {
        return s3.listObjectsV2(list -> list.bucket("reports").prefix("inventory/photos/")).contents().stream()
                .reduce((first, second) -> second);
    }

    /** The keys of the inventory object {@code key}, downloaded and read with DuckDB. */
    private static List<String> keysIn(S3Client s3, String key, Path dataDir) {
        Path file = dataDir.resolve("downloaded-" + System.nanoTime() + ".parquet");
        s3.getObject(get -> get.bucket("reports").key(key), file);
        List<String> keys = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet rows = statement.executeQuery("SELECT key, bucket FROM read_parquet('"
                        + file.toString().replace("'", "''") + "')")) {
            while (rows.next()) {
                assertThat(rows.getString("bucket")).isEqualTo("photos");
                keys.add(rows.getString("key"));
            }
        } catch (SQLException e) {
            throw new AssertionError("DuckDB cannot read the inventory " + key, e);
        }
        return keys;
    }

    private static S3Client client(DevSystem system) {
        return S3Client.builder()
                .endpointOverride(system.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(BlobpipeFixture.ACCESS_KEY, BlobpipeFixture.SECRET_KEY)))
                .forcePathStyle(true)
                .build();
    }
}
