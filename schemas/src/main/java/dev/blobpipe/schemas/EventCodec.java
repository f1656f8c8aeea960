package dev.blobpipe.schemas;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns {@link ObjectEvent}s into records on {@link Topics#EVENTS} and back.
 *
 * <p>The record key is kind, bucket, key and version id: log compaction keeps the latest offset per record key, so
 * keying by version as well keeps every version the catalog still needs (a key-only record key would let an older
 * version's later offset evict a newer version).
 */
public final class EventCodec {
    public static final byte FORMAT_VERSION = 1;
    private static final byte COMMITTED = 'C';
    private static final byte DELETED = 'D';
    private static final byte BUCKET_CREATED = 'b';
    private static final byte BUCKET_DELETED = 'x';

    private EventCodec() {
    }

    public static byte[] recordKey(ObjectEvent event) {
        String key;
        if (event instanceof ObjectEvent.ObjectCommitted committed) {
            key = "o\u0000" + event.bucket() + "\u0000" + committed.manifest().key();
        } else if (event instanceof ObjectEvent.ObjectDeleted deleted) {
            key = "o\u0000" + event.bucket() + "\u0000" + deleted.key();
        } else {
            key = "b\u0000" + event.bucket();
        }
        return (key + "\u0000" + event.versionId()).getBytes(StandardCharsets.UTF_8);
    }

    public static ProducerRecord<byte[], byte[]> toProducerRecord(ObjectEvent event) {
        Headers headers = new RecordHeaders();
        headers.add(UploadRecordCodec.VERSION, new byte[] {FORMAT_VERSION});
        byte[] value = UploadRecordCodec.encode(out -> {
            if (event instanceof ObjectEvent.ObjectCommitted committed) {
                out.writeByte(COMMITTED);
                BinaryFields.writeString(out, committed.uploadId().value());
                ManifestCodec.write(out, committed.manifest());
                BinaryFields.writeString(out, committed.location().blobName());
                out.writeLong(committed.location().offset());
                out.writeLong(committed.location().lengthBytes());
            } else if (event instanceof ObjectEvent.ObjectDeleted deleted) {
                out.writeByte(DELETED);
                BinaryFields.writeString(out, deleted.bucket());
                BinaryFields.writeString(out, deleted.key());
                BinaryFields.writeVersion(out, deleted.versionId());
                BinaryFields.writeInstant(out, deleted.deletedAt());
            } else if (event instanceof ObjectEvent.BucketCreated created) {
                out.writeByte(BUCKET_CREATED);
                BinaryFields.writeString(out, created.bucket());
                BinaryFields.writeVersion(out, created.versionId());
                BinaryFields.writeInstant(out, created.createdAt());
                BinaryFields.writeString(out, created.region());
            } else if (event instanceof ObjectEvent.BucketDeleted deletedBucket) {
                out.writeByte(BUCKET_DELETED);
                BinaryFields.writeString(out, deletedBucket.bucket());
                BinaryFields.writeVersion(out, deletedBucket.versionId());
            } else {
                throw new IllegalArgumentException("unknown event " + event);
            }
        });
        return new ProducerRecord<>(Topics.EVENTS, null, recordKey(event), value, headers);
    }

    /** The event, or null for a tombstone (a collected version whose record compaction will remove). */
    public static ObjectEvent fromConsumerRecord(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        byte version = UploadRecordCodec.single(record.headers(), UploadRecordCodec.VERSION);
        if (version != FORMAT_VERSION) {
            throw new RecordFormatException("unsupported event format " + version);
        }
        return UploadRecordCodec.decode(record.value(), EventCodec::read);
    }

    private static ObjectEvent read(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        if (kind == COMMITTED) {
            UploadId uploadId = new UploadId(BinaryFields.readString(in));
            ObjectManifest manifest = ManifestCodec.read(in);
            var location = new ObjectLocation(BinaryFields.readString(in), in.readLong(), in.readLong());
            return new ObjectEvent.ObjectCommitted(uploadId, manifest, location);
        }
        if (kind == DELETED) {
            return new ObjectEvent.ObjectDeleted(BinaryFields.readString(in), BinaryFields.readString(in),
                    BinaryFields.readVersion(in), BinaryFields.readInstant(in));
        }
        if (kind == BUCKET_CREATED) {
            return new ObjectEvent.BucketCreated(BinaryFields.readString(in), BinaryFields.readVersion(in),
                    BinaryFields.readInstant(in), BinaryFields.readString(in));
        }
        if (kind == BUCKET_DELETED) {
            return new ObjectEvent.BucketDeleted(BinaryFields.readString(in), BinaryFields.readVersion(in));
        }
        throw new RecordFormatException("unknown event kind " + kind);
    }
}
