package dev.blobpipe.catalog.admin;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes {@link InventoryColumns} straight to Parquet's record consumer, field by field ({@link InventorySchema}): no
 * intermediate Group objects. Not thread-safe: one per writer.
 */
final class InventoryWriteSupport extends WriteSupport<InventoryColumns> {
    private static final String MAP_ENTRY = "key_value";
    private static final String MAP_KEY = "key";
    private static final String MAP_VALUE = "value";

    private static final String USER_METADATA = InventorySchema.name(InventorySchema.USER_METADATA);

    private RecordConsumer out;

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
    public void write(InventoryColumns row) {
        out.startMessage();
        binary(InventorySchema.BUCKET, row.bucket);
        binary(InventorySchema.KEY, row.key);
        binary(InventorySchema.VERSION_ID, row.versionId);
        int64(InventorySchema.SIZE, row.sizeBytes);
        binary(InventorySchema.ETAG, row.etag);
        if (row.contentType != null) {
            binary(InventorySchema.CONTENT_TYPE, row.contentType);
        }
        int64(InventorySchema.LAST_MODIFIED, row.lastModifiedMicros);
        binary(InventorySchema.STORAGE_LOCATION, row.storageLocation);
        userMetadata(row.metadataPairs);
        out.endMessage();
    }

    private void userMetadata(List<Binary> pairs) {
        out.startField(USER_METADATA, InventorySchema.USER_METADATA);
        out.startGroup();
        if (!pairs.isEmpty()) {
            out.startField(MAP_ENTRY, InventorySchema.ENTRY);
            for (int index = 0; index < pairs.size(); index += 2) {
                out.startGroup();
                out.startField(MAP_KEY, InventorySchema.ENTRY_KEY);
                out.addBinary(pairs.get(index));
                out.endField(MAP_KEY, InventorySchema.ENTRY_KEY);
                out.startField(MAP_VALUE, InventorySchema.ENTRY_VALUE);
                out.addBinary(pairs.get(index + 1));
                out.endField(MAP_VALUE, InventorySchema.ENTRY_VALUE);
                out.endGroup();
            }
            out.endField(MAP_ENTRY, InventorySchema.ENTRY);
        }
        out.endGroup();
        out.endField(USER_METADATA, InventorySchema.USER_METADATA);
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
}
