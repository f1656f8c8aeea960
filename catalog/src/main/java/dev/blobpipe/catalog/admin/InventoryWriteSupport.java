package dev.blobpipe.catalog.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes {@link InventoryRow}s straight to Parquet's record consumer, field by field ({@link InventorySchema}): no
 * intermediate Group objects. Not thread-safe: one per writer.
 */
final class InventoryWriteSupport extends WriteSupport<InventoryRow> {
    private static final String MAP_ENTRY = "key_value";
    private static final String MAP_KEY = "key";
    private static final String MAP_VALUE = "value";

    private RecordConsumer out;
    // every row of an export has the same bucket: encode its name once
    private String lastBucket;
    private Binary lastBucketBinary;

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return context();
    }

    /** Abstract in Parquet yet deprecated: the writer calls the ParquetConfiguration variant. */
    @Override
    @Deprecated
    public WriteContext init(Configuration configuration) {
        return context();
    }

    private static WriteContext context() {
        return new WriteContext(InventorySchema.MESSAGE, Map.of("blobpipe.inventory.format", "1"));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(InventoryRow row) {
        out.startMessage();
        binary(InventorySchema.BUCKET, bucket(row.bucket()));
        string(InventorySchema.KEY, row.key());
        string(InventorySchema.VERSION_ID, row.versionId());
        int64(InventorySchema.SIZE, row.sizeBytes());
        string(InventorySchema.ETAG, row.etag());
        if (row.contentType() != null) {
            string(InventorySchema.CONTENT_TYPE, row.contentType());
        }
        int64(InventorySchema.LAST_MODIFIED, micros(row.lastModified()));
        string(InventorySchema.STORAGE_LOCATION, row.storageLocation());
        userMetadata(row.userMetadata());
        out.endMessage();
    }

    private void userMetadata(Map<String, String> metadata) {
        String field = InventorySchema.name(InventorySchema.USER_METADATA);
        out.startField(field, InventorySchema.USER_METADATA);
        out.startGroup();
        if (!metadata.isEmpty()) {
            out.startField(MAP_ENTRY, InventorySchema.ENTRY);
            for (Map.Entry<String, String> entry : sorted(metadata)) {
                out.startGroup();
                out.startField(MAP_KEY, InventorySchema.ENTRY_KEY);
                out.addBinary(Binary.fromString(entry.getKey()));
                out.endField(MAP_KEY, InventorySchema.ENTRY_KEY);
                out.startField(MAP_VALUE, InventorySchema.ENTRY_VALUE);
                out.addBinary(Binary.fromString(entry.getValue()));
                out.endField(MAP_VALUE, InventorySchema.ENTRY_VALUE);
                out.endGroup();
            }
            out.endField(MAP_ENTRY, InventorySchema.ENTRY);
        }
        out.endGroup();
        out.endField(field, InventorySchema.USER_METADATA);
    }

    /** Entries in key order, so the same metadata always gives the same file bytes. */
    private static List<Map.Entry<String, String>> sorted(Map<String, String> metadata) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(metadata.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        return entries;
    }

    private Binary bucket(String bucket) {
        if (!bucket.equals(lastBucket)) {
            lastBucket = bucket;
            lastBucketBinary = Binary.fromString(bucket);
        }
        return lastBucketBinary;
    }

    private void string(int index, String value) {
        binary(index, Binary.fromString(value));
    }

    private void binary(int index, Binary value) {
        String field = InventorySchema.name(index);
        out.startField(field, index);
        out.addBinary(value);
        out.endField(field, index);
    }

    private void int64(int index, long value) {
        String field = InventorySchema.name(index);
        out.startField(field, index);
        out.addLong(value);
        out.endField(field, index);
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
