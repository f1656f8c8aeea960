package dev.blobpipe.catalog.admin;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The Parquet schema of the inventory, the S3 Inventory analogue: one row per live object. Field indexes are the
 * positions the column writer addresses them by; a new column goes at the end so readers of older files by name and
 * writers stay in step.
 */
final class InventorySchema {
    static final MessageType MESSAGE = MessageTypeParser.parseMessageType("""
            message blobpipe_inventory {
              required binary bucket (STRING);
              required binary key (STRING);
              required binary version_id (STRING);
              required int64 size;
              required binary etag (STRING);
              optional binary content_type (STRING);
              required int64 last_modified (TIMESTAMP(MICROS,true));
              required binary storage_location (STRING);
              required group user_metadata (MAP) {
                repeated group key_value {
                  required binary key (STRING);
                  required binary value (STRING);
                }
              }
            }
            """);

    static final int BUCKET = 0;
    static final int KEY = 1;
    static final int VERSION_ID = 2;
    static final int SIZE = 3;
    static final int ETAG = 4;
    static final int CONTENT_TYPE = 5;
    static final int LAST_MODIFIED = 6;
    static final int STORAGE_LOCATION = 7;
    static final int USER_METADATA = 8;
    /** Within {@code user_metadata}: the repeated entry, and within it key and value. */
    static final int ENTRY = 0;
    static final int ENTRY_KEY = 0;
    static final int ENTRY_VALUE = 1;

    private InventorySchema() {
    }

    static String name(int field) {
        return MESSAGE.getFieldName(field);
    }
}
