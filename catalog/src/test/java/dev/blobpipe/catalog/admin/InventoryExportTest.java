package dev.blobpipe.catalog.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.catalog.internal.KeyRange;
import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.catalog.testing.Events;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.UploadId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Exports are read back by DuckDB, a Parquet reader that shares no code with the writer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryExportTest {
    private static final String MANY_BUCKET = "many";
    private static final String ODD_METADATA_BUCKET = "odd-metadata";
    /** Everything JSON escapes or PostgreSQL's jsonb output might print differently. */
    private static final Map<String, String> ODD_METADATA = Map.of("quote", "say \"hi\" \\o/",
            "controls", "a\nb\tc\r\u0001\u001f", "caf\u00e9", "\u20ac " + AdminTree.SMILE, "slash/", "</x>", "empty", "");
    /** More rows than three cursor fetches. */
    private static final int MANY = 3 * 4096 + 17;

    @TempDir
    Path dir;
    private CatalogFixture fixture;
    private InventoryExport export;

    @BeforeAll
    void fillCatalog() {
        fixture = CatalogFixture.fresh();
        export = new InventoryExport(fixture.database().jdbi());
        AdminTree.apply(fixture);
        UploadId upload = UploadId.random();
        ObjectEvent.ObjectCommitted part = Events.part(AdminTree.BUCKET, "logs/multi", upload, 1,
                Events.nextVersion());
        fixture.apply(Events.started(AdminTree.BUCKET, "logs/multi", upload, Events.nextVersion()), part,
                Events.completed(AdminTree.BUCKET, "logs/multi", upload, Events.nextVersion(), part));
        List<ObjectEvent> many = new ArrayList<>();
        for (int index = 0; index < MANY; index++) {
            many.add(Events.committed(MANY_BUCKET, String.format("k/%06d", index), Events.nextVersion(), index,
                    "application/octet-stream", index % 3 == 0 ? Map.of("n", Integer.toString(index)) : Map.of()));
        }
        fixture.apply(many.toArray(ObjectEvent[]::new));
        fixture.apply(Events.committed(ODD_METADATA_BUCKET, "odd", Events.nextVersion(), 1, null, ODD_METADATA));
    }

    @AfterAll
    void closeCatalog() {
        fixture.close();
    }

    @Test
    void everyLiveObjectOfTheBucketIsARowEqualToTheCatalog() throws Exception {
        Path file = dir.resolve("tree.parquet");

        InventoryExport.Summary summary = export.write(AdminTree.BUCKET, "", file);

        List<InventoryRow> rows = readWithDuckDb(file);
        assertThat(rows).extracting(InventoryRow::key).containsExactly("100%_done/x_y", "a%b/c", "abc/d",
                "caf\u00e9/\uFFFD/w", "caf\u00e9/" + AdminTree.SMILE + "/z", "logs/2024/01/a.gz", "logs/2024/01/b.gz",
                "logs/2024/02/a.gz", "logs/multi", "logs/readme", "top.txt");
        for (InventoryRow row : rows) {
            assertThat(row).as(row.key()).isEqualTo(expected(row.key()));
        }
        assertThat(summary.objects()).isEqualTo(rows.size());
        assertThat(summary.objectBytes()).isEqualTo(rows.stream().mapToLong(InventoryRow::sizeBytes).sum());
        assertThat(summary.fileBytes()).isEqualTo(Files.size(file));
    }

    @Test
    void multipartObjectsSayTheirExtentsAndCompositeEtag() throws Exception {
        Path file = dir.resolve("multi.parquet");

        export.write(AdminTree.BUCKET, "logs/multi", file);

        assertThat(readWithDuckDb(file)).singleElement().satisfies(row -> {
            assertThat(row.storageLocation()).isEqualTo("extents:1");
            assertThat(row.etag()).endsWith("-1");
        });
    }

    @Test
    void aWildcardPrefixSelectsOnlyKeysStartingWithIt() throws Exception {
        Path file = dir.resolve("wild.parquet");

        export.write(AdminTree.BUCKET, "a%", file);

        assertThat(readWithDuckDb(file)).extracting(InventoryRow::key).containsExactly("a%b/c");
    }

    @Test
    void aBucketLargerThanOneFetchIsExportedWhole() throws Exception {
        Path file = dir.resolve("many.parquet");

        InventoryExport.Summary summary = export.write(MANY_BUCKET, "", file);

        List<InventoryRow> rows = readWithDuckDb(file);
        assertThat(rows).hasSize(MANY);
        assertThat(summary.objects()).isEqualTo(MANY);
        for (int index = 0; index < MANY; index++) {
            InventoryRow row = rows.get(index);
            assertThat(row.key()).isEqualTo(String.format("k/%06d", index));
            assertThat(row.sizeBytes()).isEqualTo(index);
            assertThat(row.userMetadata())
                    .isEqualTo(index % 3 == 0 ? Map.of("n", Integer.toString(index)) : Map.of());
        }
        assertThat(rows.get(MANY - 1)).isEqualTo(expected(MANY_BUCKET, rows.get(MANY - 1).key()));
    }

    @Test
    void userMetadataNeedingEscapesIsExportedAsStored() throws Exception {
        Path file = dir.resolve("odd.parquet");

        export.write(ODD_METADATA_BUCKET, "", file);

        assertThat(readWithDuckDb(file)).singleElement().satisfies(row -> {
            assertThat(row.userMetadata()).isEqualTo(ODD_METADATA);
            assertThat(row).isEqualTo(expected(ODD_METADATA_BUCKET, "odd"));
        });
    }

    @Test
    void anEmptySelectionIsAValidFileWithoutRows() throws Exception {
        Path file = dir.resolve("empty.parquet");

        InventoryExport.Summary summary = export.write("no-such-bucket", "", file);

        assertThat(summary.objects()).isZero();
        assertThat(readWithDuckDb(file)).isEmpty();
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFileBehind() throws Exception {
        Path file = dir.resolve("again.parquet");
        Files.writeString(file, "not parquet");

        export.write(AdminTree.BUCKET, "logs/readme", file);

        assertThat(readWithDuckDb(file)).extracting(InventoryRow::key).containsExactly("logs/readme");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    private InventoryRow expected(String key) {
        return expected(AdminTree.BUCKET, key);
    }

    /** The inventory row of a key as the catalog's read path describes the object. */
    private InventoryRow expected(String bucket, String key) {
        StoredObject object = fixture.catalog().object(bucket, key).orElseThrow();
        ObjectManifest manifest = object.manifest();
        String location = object.location() != null
                ? object.location().blobName() + "@" + object.location().offset() + "+" + object.location().lengthBytes()
                : "extents:" + object.extents().size();
        String etag = manifest.partCount() > 0 ? manifest.md5Hex() + "-" + manifest.partCount() : manifest.md5Hex();
        return new InventoryRow(bucket, key, manifest.versionId().toString(), manifest.sizeBytes(), etag,
                manifest.metadata().contentType(), manifest.lastModified().truncatedTo(ChronoUnit.MICROS), location,
                manifest.metadata().userMetadata());
    }

    private static List<InventoryRow> readWithDuckDb(Path file) throws SQLException {
        List<InventoryRow> rows = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT bucket, key, version_id, size, etag, content_type, epoch_us(last_modified) AS micros,
                               storage_location, map_keys(user_metadata) AS metadata_keys,
                               map_values(user_metadata) AS metadata_values
                        FROM read_parquet('%s')
                        ORDER BY key
                        """.formatted(file.toString().replace("'", "''")))) {
            while (rs.next()) {
                rows.add(new InventoryRow(rs.getString("bucket"), rs.getString("key"), rs.getString("version_id"),
                        rs.getLong("size"), rs.getString("etag"), rs.getString("content_type"),
                        Instant.EPOCH.plus(rs.getLong("micros"), ChronoUnit.MICROS),
                        rs.getString("storage_location"), map(rs)));
            }
        }
        // DuckDB orders VARCHAR by bytes, as the catalog does
        assertThat(rows).extracting(InventoryRow::key).isSortedAccordingTo(KeyRange.BYTE_ORDER);
        return rows;
    }

    private static Map<String, String> map(ResultSet rs) throws SQLException {
        Object[] keys = array(rs.getArray("metadata_keys"));
        Object[] values = array(rs.getArray("metadata_values"));
        Map<String, String> map = new LinkedHashMap<>();
        for (int index = 0; index < keys.length; index++) {
            map.put((String) keys[index], (String) values[index]);
        }
        return map;
    }

    private static Object[] array(Array array) throws SQLException {
        try {
            return (Object[]) array.getArray();
        } finally {
            array.free();
        }
    }
}
