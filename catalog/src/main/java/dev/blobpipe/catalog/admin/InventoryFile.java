package dev.blobpipe.catalog.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * A Parquet inventory file being written: rows are appended in order into a temporary file beside the target, which
 * {@link #commit} moves into place atomically, so the target path never holds half an inventory. Closing without a
 * commit deletes the temporary file. Memory is bounded by one row group ({@link #ROW_GROUP_BYTES}). Not thread-safe.
 */
public final class InventoryFile implements AutoCloseable {
    /**
     * Bytes buffered per row group before it is flushed: Parquet holds a whole row group in memory, and the CLI may run
     * beside a whole dev system in a 256 MiB heap, so this stays well below Parquet's 128 MiB default.
     */
    static final long ROW_GROUP_BYTES = 32L << 20;
    private static final int PAGE_BYTES = 1 << 20;

    private final Path target;
    private final Path temp;
    private final InventoryColumnWriter writer;
    private final CodecFactory codecs;
    private final InventoryColumns rowColumns = new InventoryColumns();
    private long rows;
    private boolean writerClosed;
    private boolean committed;

    private InventoryFile(Path target, Path temp, InventoryColumnWriter writer, CodecFactory codecs) {
        this.target = target;
        this.temp = temp;
        this.writer = writer;
        this.codecs = codecs;
    }

    /** Starts a file that {@link #commit} will put at {@code target} (replacing what is there). */
    public static InventoryFile create(Path target) throws IOException {
        Path absolute = Objects.requireNonNull(target, "target").toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        ParquetFileWriter parquet = null;
        // a plain configuration: no Hadoop XML defaults to find and parse (Hadoop's classes are still needed)
        CodecFactory codecs = new CodecFactory(new PlainParquetConfiguration(), PAGE_BYTES);
        try {
            ParquetProperties properties = properties();
            parquet = new ParquetFileWriter(new LocalOutputFile(temp), InventorySchema.MESSAGE,
                    ParquetFileWriter.Mode.OVERWRITE, ROW_GROUP_BYTES, ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null,
                    properties);
            // ZSTD (level 3): files 2.5x smaller than Snappy's at the same export rate (InventoryExportBench, 1M
            // rows: 24 against 60 MiB); DuckDB, Spark, Trino and pyarrow all read it
            var columns = new InventoryColumnWriter(parquet, properties,
                    codecs.getCompressor(CompressionCodecName.ZSTD), ROW_GROUP_BYTES);
            return new InventoryFile(absolute, temp, columns, codecs);
        } catch (IOException | RuntimeException e) {
            try {
                if (parquet != null) {
                    parquet.abort();
                    parquet.close();
                }
            } finally {
                codecs.release();
                Files.deleteIfExists(temp);
            }
            throw e;
        }
    }

    private static ParquetProperties properties() {
        return ParquetProperties.builder()
                .withPageSize(PAGE_BYTES)
                .withDictionaryEncoding(true)
                // unique per row: a dictionary would only cost time until Parquet gives up on it
                .withDictionaryEncoding(InventorySchema.name(InventorySchema.KEY), false)
                .withDictionaryEncoding(InventorySchema.name(InventorySchema.VERSION_ID), false)
                .withDictionaryEncoding(InventorySchema.name(InventorySchema.ETAG), false)
                .withDictionaryEncoding(InventorySchema.name(InventorySchema.STORAGE_LOCATION), false)
                // mostly distinct too (microsecond times; sizes of real objects); for these Parquet only gives up
                // once the dictionary fills its page (128k values), re-encoding them all, in every row group
                .withDictionaryEncoding(InventorySchema.name(InventorySchema.SIZE), false)
                .withDictionaryEncoding(InventorySchema.name(InventorySchema.LAST_MODIFIED), false)
                // random per row, so their min/max prune nothing, while comparing every value with both took
                // ~20% of the export's CPU samples (JFR, with the key); the key keeps its statistics, since
                // objects written in key order lie close in the table and so in the row groups
                .withStatisticsEnabled(InventorySchema.name(InventorySchema.VERSION_ID), false)
                .withStatisticsEnabled(InventorySchema.name(InventorySchema.ETAG), false)
                .withStatisticsEnabled(InventorySchema.name(InventorySchema.STORAGE_LOCATION), false)
                // per-page byte counts and level histograms for readers that plan memory by them: none we know of
                // (DuckDB does not); counting every value cost ~3% of the writer thread
                .withSizeStatisticsEnabled(false)
                .build();
    }

    /** Appends a row given as a record (each string is encoded here). */
    public void append(InventoryRow row) throws IOException {
        rowColumns.fill(row);
        append(rowColumns);
    }

    /** Appends a row given as column values, which are not used after this returns. */
    void append(InventoryColumns row) throws IOException {
        if (writerClosed) {
            throw new IllegalStateException("inventory file already closed: " + target);
        }
        writer.write(row);
        rows++;
    }

    public long rows() {
        return rows;
    }

    /** Writes the footer and moves the file to its target; returns the file's size in bytes. */
    public long commit() throws IOException {
        if (writerClosed) {
            throw new IllegalStateException("inventory file already closed: " + target);
        }
        try {
            writer.finish();
        } finally {
            closeWriter();
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
        return Files.size(target);
    }

    /** Abandons an uncommitted file (its temporary file is deleted); after a commit, does nothing. */
    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        try {
            closeWriter();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void closeWriter() throws IOException {
        if (!writerClosed) {
            writerClosed = true;
            try {
                writer.close();
            } finally {
                codecs.release();
            }
        }
    }
}
