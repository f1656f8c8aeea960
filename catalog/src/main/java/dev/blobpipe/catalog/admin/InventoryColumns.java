package dev.blobpipe.catalog.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.api.Binary;

/**
 * One inventory row as the Parquet values of its columns ({@link InventorySchema}), refilled for every row so that the
 * export's hot path makes no objects per row: the binaries may point into buffers that the filler reuses, which
 * Parquet allows for {@link Binary#fromReusedByteArray} (it copies what it keeps, such as page statistics). Owned by
 * one thread; its values are valid until the next fill.
 */
final class InventoryColumns {
    Binary bucket;
    Binary key;
    Binary versionId;
    long sizeBytes;
    Binary etag;
    /** Null when the object has none. */
    Binary contentType;
    long lastModifiedMicros;
    Binary storageLocation;
    /** User metadata as key, value, key, value… in key order ({@link String#compareTo}), so equal maps give equal bytes. */
    final List<Binary> metadataPairs = new ArrayList<>();
    /** The bucket {@link #fill} last encoded: every row of an inventory has the same. */
    private String filledBucket;

    /** Fills this from a row (the slow path: a Binary per string, but one per bucket). */
    void fill(InventoryRow row) {
        if (!row.bucket().equals(filledBucket)) {
            filledBucket = row.bucket();
            bucket = Binary.fromString(filledBucket);
        }
        key = Binary.fromString(row.key());
        versionId = Binary.fromString(row.versionId());
        sizeBytes = row.sizeBytes();
        etag = Binary.fromString(row.etag());
        contentType = row.contentType() == null ? null : Binary.fromString(row.contentType());
        lastModifiedMicros = micros(row.lastModified());
        storageLocation = Binary.fromString(row.storageLocation());
        metadata(row.userMetadata());
    }

    /** Sets the user metadata (in key order, whatever the map's). */
    void metadata(Map<String, String> metadata) {
        metadataPairs.clear();
        if (metadata.isEmpty()) {
            return;
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>(metadata.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        for (Map.Entry<String, String> entry : entries) {
            metadataPairs.add(Binary.fromString(entry.getKey()));
            metadataPairs.add(Binary.fromString(entry.getValue()));
        }
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
