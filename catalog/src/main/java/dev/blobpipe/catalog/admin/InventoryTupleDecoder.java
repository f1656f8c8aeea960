package dev.blobpipe.catalog.admin;

import dev.blobpipe.catalog.internal.InventoryDao;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.io.api.Binary;

/**
 * Turns one binary COPY tuple of {@link InventoryDao#inventoryCopy} into {@link InventoryColumns} without decoding
 * text: strings stay UTF-8 bytes in the tuple, the ETag and location are assembled in reused buffers. Only user
 * metadata, which most objects lack, becomes Strings. Not thread-safe: one per writing thread.
 */
final class InventoryTupleDecoder {
    private static final int FIELDS = 11;
    private static final VarHandle INT16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** PostgreSQL's timestamps count microseconds from 2000-01-01T00:00Z. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final byte[] EXTENTS = "extents:".getBytes(StandardCharsets.US_ASCII);
    /** The version byte of jsonb's binary form, followed by the JSON text. */
    private static final byte JSONB_VERSION = 1;

    private final Binary bucket;
    private byte[] etag = new byte[64];
    private byte[] location = new byte[256];
    // where the field being read starts and how long it is; -1 for NULL
    private int position;
    private int length;

    InventoryTupleDecoder(String bucket) {
        this.bucket = Binary.fromConstantByteArray(bucket.getBytes(StandardCharsets.UTF_8));
    }

    /** Fills {@code row} from {@code tuple}, whose bytes must stay unchanged while the row is used. */
    void decode(byte[] tuple, InventoryColumns row) {
        if (int16(tuple, 0) != FIELDS) {
            throw new IllegalStateException("COPY tuple has " + int16(tuple, 0) + " fields, expected " + FIELDS);
        }
        position = 2;
        length = 0;
        row.bucket = bucket;
        row.key = text(tuple, "key");
        row.versionId = text(tuple, "version_id");
        row.sizeBytes = int64(tuple, "size_bytes");
        field(tuple);
        int md5Start = position;
        int md5Length = required("md5_hex");
        int partCount = (int) integer(tuple, 4, "part_count");
        row.etag = partCount > 0 ? multipartEtag(tuple, md5Start, md5Length, partCount)
                : Binary.fromReusedByteArray(tuple, md5Start, md5Length);
        row.contentType = field(tuple) < 0 ? null : Binary.fromReusedByteArray(tuple, position, length);
        row.lastModifiedMicros = Math.addExact(int64(tuple, "last_modified"), POSTGRES_EPOCH_MICROS);
        row.storageLocation = partCount > 0 ? extentsLocation(partCount) : blobLocation(tuple);
        if (partCount > 0) {
            skip(tuple, 3);
        }
        if (field(tuple) < 0) {
            row.metadataPairs.clear();
        } else {
            if (tuple[position] != JSONB_VERSION) {
                throw new IllegalStateException("unknown jsonb version " + tuple[position]);
            }
            row.metadata(UserMetadataJson.parse(tuple, position + 1, length - 1));
        }
        if (position + Math.max(length, 0) != tuple.length) {
            throw new IllegalStateException("COPY message holds more than one tuple");
        }
    }

    static int int16(byte[] bytes, int offset) {
        return (short) INT16.get(bytes, offset);
    }

    static int int32(byte[] bytes, int offset) {
        return (int) INT32.get(bytes, offset);
    }

    /** Moves to the next field and returns its length, -1 for NULL. */
    private int field(byte[] tuple) {
        if (length > 0) {
            position += length;
        }
        length = int32(tuple, position);
        position += 4;
        return length;
    }

    private int required(String column) {
        if (length < 0) {
            throw new IllegalStateException("live object without " + column);
        }
        return length;
    }

    private Binary text(byte[] tuple, String column) {
        field(tuple);
        return Binary.fromReusedByteArray(tuple, position, required(column));
    }

    private long int64(byte[] tuple, String column) {
        return integer(tuple, 8, column);
    }

    private long integer(byte[] tuple, int bytes, String column) {
        field(tuple);
        if (required(column) != bytes) {
            throw new IllegalStateException(column + " is " + length + " bytes, expected " + bytes);
        }
        return bytes == 8 ? (long) INT64.get(tuple, position) : int32(tuple, position);
    }

    private void skip(byte[] tuple, int fields) {
        for (int index = 0; index < fields; index++) {
            field(tuple);
        }
    }

    private Binary multipartEtag(byte[] tuple, int md5Start, int md5Length, int partCount) {
        if (etag.length < md5Length + 1 + Decimal.MAX_DIGITS) {
            etag = new byte[md5Length + 1 + Decimal.MAX_DIGITS];
        }
        System.arraycopy(tuple, md5Start, etag, 0, md5Length);
        etag[md5Length] = '-';
        int end = Decimal.write(partCount, etag, md5Length + 1);
        return Binary.fromReusedByteArray(etag, 0, end);
    }

    private Binary extentsLocation(int partCount) {
        System.arraycopy(EXTENTS, 0, location, 0, EXTENTS.length);
        return Binary.fromReusedByteArray(location, 0, Decimal.write(partCount, location, EXTENTS.length));
    }

    /** {@code <blob>@<offset>+<length>}, as {@link InventoryRow#blobLocation}. */
    private Binary blobLocation(byte[] tuple) {
        field(tuple);
        int nameStart = position;
        int nameLength = required("blob_name");
        long offset = int64(tuple, "blob_offset");
        long blobLength = int64(tuple, "blob_length");
        int needed = nameLength + 2 + 2 * Decimal.MAX_DIGITS;
        if (location.length < needed) {
            location = new byte[needed];
        }
        System.arraycopy(tuple, nameStart, location, 0, nameLength);
        location[nameLength] = '@';
        int end = Decimal.write(offset, location, nameLength + 1);
        location[end] = '+';
        end = Decimal.write(blobLength, location, end + 1);
        return Binary.fromReusedByteArray(location, 0, end);
    }
}
