package dev.blobpipe.catalog.admin;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Writes {@link InventoryColumns} straight into Parquet's column writers, wired as parquet-hadoop's own record writer
 * wires them (a {@link ColumnChunkPageWriteStore} per row group under a {@link ParquetFileWriter}), but without its
 * record consumer: that one finds each value's column and levels by walking the schema per field and tracks which
 * fields a record left out, about a third of the writer's CPU time for this flat schema. Here the levels are fixed
 * per column ({@link InventorySchema}; checked against the schema when built), so readers see the same file. A row
 * group is flushed when its buffered pages near {@code rowGroupBytes}, checked as rarely as parquet-hadoop does.
 * Not thread-safe.
 */
final class InventoryColumnWriter implements AutoCloseable {
    private static final Map<String, String> FOOTER_METADATA = Map.of("blobpipe.inventory.format", "1");
    /** Leaf columns of the map's key and value; the top-level fields before it are leaves 0 to 7 in field order. */
    private static final int METADATA_KEY_LEAF = 8;
    private static final int METADATA_VALUE_LEAF = 9;

    private final ParquetFileWriter file;
    private final ParquetProperties properties;
    private final BytesInputCompressor compressor;
    private final long rowGroupBytes;
    private final List<ColumnDescriptor> descriptors = InventorySchema.MESSAGE.getColumns();
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private ColumnWriter bucket;
    private ColumnWriter key;
    private ColumnWriter versionId;
    private ColumnWriter size;
    private ColumnWriter etag;
    private ColumnWriter contentType;
    private ColumnWriter lastModified;
    private ColumnWriter storageLocation;
    private ColumnWriter metadataKey;
    private ColumnWriter metadataValue;
    private long rowGroupRows;
    private long nextSizeCheck;
    private boolean finished;

    /** Starts writing into {@code file}, whose header is written here. */
    InventoryColumnWriter(ParquetFileWriter file, ParquetProperties properties, BytesInputCompressor compressor,
            long rowGroupBytes) throws IOException {
        checkLevels();
        this.file = file;
        this.properties = properties;
        this.compressor = compressor;
        this.rowGroupBytes = rowGroupBytes;
        file.start();
        startRowGroup();
    }

    /** Appends one row; its binaries are not used after this returns (Parquet copies what it keeps). */
    void write(InventoryColumns row) throws IOException {
        bucket.write(row.bucket, 0, 0);
        key.write(row.key, 0, 0);
        versionId.write(row.versionId, 0, 0);
        size.write(row.sizeBytes, 0, 0);
        etag.write(row.etag, 0, 0);
        if (row.contentType == null) {
            contentType.writeNull(0, 0);
        } else {
            contentType.write(row.contentType, 0, 1);
        }
        lastModified.write(row.lastModifiedMicros, 0, 0);
        storageLocation.write(row.storageLocation, 0, 0);
        List<Binary> pairs = row.metadataPairs;
        if (pairs.isEmpty()) {
            // an empty map: the repeated entry is absent (definition level 0) in both of its columns
            metadataKey.writeNull(0, 0);
            metadataValue.writeNull(0, 0);
        } else {
            for (int index = 0; index < pairs.size(); index += 2) {
                int repetition = index == 0 ? 0 : 1; // 1: another entry of the same map
                metadataKey.write(pairs.get(index), repetition, 1);
                metadataValue.write(pairs.get(index + 1), repetition, 1);
            }
        }
        store.endRecord();
        rowGroupRows++;
        if (rowGroupRows >= nextSizeCheck) {
            checkRowGroupSize();
        }
    }

    /** Flushes the last row group and writes the footer; {@link #close} then closes the file. */
    void finish() throws IOException {
        flushRowGroup();
        file.end(FOOTER_METADATA);
        finished = true;
    }

    /** Releases the row group's buffers and closes the file, which is incomplete unless {@link #finish} returned. */
    @Override
    public void close() throws IOException {
        try {
            closeRowGroup();
        } finally {
            if (!finished) {
                file.abort();
            }
            file.close();
        }
    }

    /** As parquet-hadoop's record writer: measuring the buffered size costs, so it is checked halfway to the limit. */
    private void checkRowGroupSize() throws IOException {
        long buffered = store.getBufferedSize();
        long rowBytes = Math.max(1, buffered / rowGroupRows);
        if (buffered > rowGroupBytes - 2 * rowBytes) {
            flushRowGroup();
            startRowGroup();
        } else {
            nextSizeCheck = Math.min(Math.max(properties.getMinRowCountForPageSizeCheck(),
                    (rowGroupRows + rowGroupBytes / rowBytes) / 2),
                    rowGroupRows + properties.getMaxRowCountForPageSizeCheck());
        }
    }

    private void startRowGroup() {
        pages = ColumnChunkPageWriteStore.builder()
                .withSchema(InventorySchema.MESSAGE)
                .withAllocator(properties.getAllocator())
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                .withCompressorProvider(column -> compressor)
                .build();
        store = properties.newColumnWriteStore(InventorySchema.MESSAGE, pages, pages);
        bucket = column(InventorySchema.BUCKET);
        key = column(InventorySchema.KEY);
        versionId = column(InventorySchema.VERSION_ID);
        size = column(InventorySchema.SIZE);
        etag = column(InventorySchema.ETAG);
        contentType = column(InventorySchema.CONTENT_TYPE);
        lastModified = column(InventorySchema.LAST_MODIFIED);
        storageLocation = column(InventorySchema.STORAGE_LOCATION);
        metadataKey = column(METADATA_KEY_LEAF);
        metadataValue = column(METADATA_VALUE_LEAF);
        rowGroupRows = 0;
        nextSizeCheck = properties.getMinRowCountForPageSizeCheck();
    }

    private ColumnWriter column(int leaf) {
        return store.getColumnWriter(descriptors.get(leaf));
    }

    private void flushRowGroup() throws IOException {
        try {
            if (rowGroupRows > 0) {
                file.startBlock(rowGroupRows);
                store.flush();
                pages.flushToFileWriter(file);
                file.endBlock();
            }
        } finally {
            closeRowGroup();
        }
    }

    private void closeRowGroup() {
        if (store != null) {
            try {
                store.close();
            } finally {
                pages.close();
                store = null;
                pages = null;
            }
        }
    }

    /**
     * The levels {@link #write} uses, by leaf column: top-level required fields have none, the optional content type a
     * definition level of 1 when present, the map's key and value (its entries repeated) both levels up to 1.
     */
    private static void checkLevels() {
        List<ColumnDescriptor> leaves = InventorySchema.MESSAGE.getColumns();
        int[] maxDefinition = {0, 0, 0, 0, 0, 1, 0, 0, 1, 1};
        int[] maxRepetition = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
        if (leaves.size() != maxDefinition.length) {
            throw new IllegalStateException("inventory schema has " + leaves.size() + " leaf columns, the writer "
                    + maxDefinition.length);
        }
        for (int leaf = 0; leaf < leaves.size(); leaf++) {
            ColumnDescriptor column = leaves.get(leaf);
            if (column.getMaxDefinitionLevel() != maxDefinition[leaf]
                    || column.getMaxRepetitionLevel() != maxRepetition[leaf]) {
                throw new IllegalStateException("inventory column " + String.join(".", column.getPath())
                        + " has levels the writer does not expect");
            }
        }
    }
}
