package dev.blobpipe.catalog.admin;

import dev.blobpipe.catalog.CatalogDatabase;
import dev.blobpipe.embedded.testing.SharedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Prints the inventory export's throughput; a benchmark, not a test. Fills a fresh database of the embedded
 * PostgreSQL with {@code rows} live objects by SQL (fast, unlike events), then times (1) the Parquet writer alone on
 * rows built in memory, (2) reading alone ("cursor alone": the binary COPY and its tuple decoding, no Parquet) and
 * (3) the whole export. Run it as README.md's "Admin" section says.
 */
public final class InventoryExportBench {
    private static ProcessCpu.ServerCpu serverCpu;

    private InventoryExportBench() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        Path dir = Files.createTempDirectory("blobpipe-export-bench-");
        try (CatalogDatabase database = CatalogDatabase.open(SharedPostgres.freshDatabase(), 2)) {
            long fillStart = System.nanoTime();
            database.jdbi().useHandle(handle -> {
                handle.createUpdate("""
                        INSERT INTO objects (bucket, key, version_id, deleted, size_bytes, chunk_count, md5_hex,
                                             sha256_hex, last_modified, content_type, user_metadata, checksums,
                                             blob_name, blob_offset, blob_length, part_count)
                        SELECT 'bench', 'logs/' || (i % 97) || '/' || lpad(i::text, 10, '0') || '.gz',
                               lpad(i::text, 24, '0'), false, i % 1000003, 1, md5(i::text), '',
                               now() - make_interval(secs => i), 'application/gzip',
                               CASE WHEN i % 10 = 0 THEN jsonb_build_object('host', 'web-' || (i % 7))
                                    ELSE '{}'::jsonb END,
                               '{}', 'blob-' || i, 0, i % 1000003, 0
                        FROM generate_series(1, :rows) AS i
                        """).bind("rows", rows).execute();
                handle.execute("VACUUM ANALYZE objects");
            });
            System.out.printf("filled rows=%d seconds=%.1f%n", rows, (System.nanoTime() - fillStart) / 1e9);

            serverCpu = new ProcessCpu.ServerCpu(database.jdbi());
            for (int round = 1; round <= 3; round++) {
                writerAlone(dir.resolve("alone.parquet"), rows, round);
                cursorAlone(database, rows, round);
                wholeExport(database, dir.resolve("export.parquet"), rows, round);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void writerAlone(Path file, int rows, int round) throws IOException {
        Instant now = Instant.now();
        long[] cpu = cpuNow();
        long start = System.nanoTime();
        long fileBytes;
        try (InventoryFile inventory = InventoryFile.create(file)) {
            for (int index = 1; index <= rows; index++) {
                String padded = Integer.toString(1_000_000_000 + index);
                inventory.append(new InventoryRow("bench", "logs/" + index % 97 + "/" + padded + ".gz",
                        "00000000000000" + padded, index % 1000003, "0123456789abcdef" + padded + "abcdef",
                        "application/gzip", now.minusSeconds(index), InventoryRow.blobLocation("blob-" + index, 0,
                                index % 1000003),
                        index % 10 == 0 ? Map.of("host", "web-" + index % 7) : Map.of()));
            }
            fileBytes = inventory.commit();
        }
        report("writer alone", rows, start, cpu, fileBytes, round);
    }

    private static void cursorAlone(CatalogDatabase database, int rows, int round) {
        long[] cpu = cpuNow();
        long start = System.nanoTime();
        long read = Snapshot.read(database.jdbi(), handle -> {
            InventoryTupleDecoder decoder = new InventoryTupleDecoder("bench");
            InventoryColumns row = new InventoryColumns();
            long count = 0;
            try (InventoryCopy copy = InventoryCopy.start(handle, "bench", "")) {
                for (byte[] tuple = copy.next(); tuple != null; tuple = copy.next()) {
                    decoder.decode(tuple, row);
                    count++;
                }
            }
            return count;
        });
        if (read != rows) {
            throw new IllegalStateException("read " + read + " rows, expected " + rows);
        }
        report("cursor alone", rows, start, cpu, 0, round);
    }

    private static void wholeExport(CatalogDatabase database, Path file, int rows, int round) throws IOException {
        long[] cpu = cpuNow();
        long start = System.nanoTime();
        InventoryExport.Summary summary = new InventoryExport(database.jdbi()).write("bench", "", file);
        if (summary.objects() != rows) {
            throw new IllegalStateException("exported " + summary.objects() + " rows, expected " + rows);
        }
        report("postgres -> parquet", rows, start, cpu, summary.fileBytes(), round);
    }

    /** This JVM's and the PostgreSQL server's CPU time so far, in nanoseconds. */
    private static long[] cpuNow() {
        return new long[] {ProcessCpu.jvmNanos(), serverCpu.nanos()};
    }

    /**
     * Prints wall time and the CPU seconds this JVM and the PostgreSQL server spent: on a machine shared with other
     * work the CPU figures vary less than the wall time, and they show which side a stage is waiting for.
     */
    private static void report(String what, int rows, long startNanos, long[] cpuAtStart, long fileBytes, int round) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long[] cpu = cpuNow();
        System.out.printf("round=%d %-20s rows=%d seconds=%.2f rows/s=%,.0f fileMiB=%.1f javaCpuS=%.2f pgCpuS=%.2f%n",
                round, what, rows, seconds, rows / seconds, fileBytes / 1048576.0, (cpu[0] - cpuAtStart[0]) / 1e9,
                (cpu[1] - cpuAtStart[1]) / 1e9);
    }
}
