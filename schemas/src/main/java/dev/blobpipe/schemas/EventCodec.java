package dev.blobpipe.schemas;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
    /** The format written; readers also accept format 1 (manifests without multipart fields). */
    public static final byte FORMAT_VERSION = 2;
    private static final byte COMMITTED = 'C';
    private static final byte DELETED = 'D';
    private static final byte BUCKET_CREATED = 'b';
    private static final byte BUCKET_DELETED = 'x';
    private static final byte MULTIPART_STARTED = 'm';
    private static final byte MULTIPART_COMPLETED = 'M';
    private static final byte MULTIPART_ABORTED = 'a';
    private static final byte OBJECT_COPIED = 'K';
    private static final byte BUCKET_CORS_SET = 'r';
    private static final byte OBJECT_TAGS_SET = 'T';
    private static final byte OBJECT_MOVED = 'V';
    private static final byte BUCKET_LIFECYCLE_SET = 'L';
    private static final byte OBJECT_EXPIRED = 'E';
    /** S3's limit on the rules of one lifecycle configuration. */
    private static final int MAX_LIFECYCLE_RULES = 1000;

    private EventCodec() {
    }

    public static byte[] recordKey(ObjectEvent event) {
        String key;
        if (event instanceof ObjectEvent.ObjectCommitted committed) {
            PartOf part = committed.manifest().partOf();
            key = part == null
                    ? "o\u0000" + event.bucket() + "\u0000" + committed.manifest().key()
                    : "p\u0000" + event.bucket() + "\u0000" + part.multipartUploadId() + "\u0000" + part.partNumber();
        } else if (event instanceof ObjectEvent.ObjectDeleted deleted) {
            key = "o\u0000" + event.bucket() + "\u0000" + deleted.key();
        } else if (event instanceof ObjectEvent.MultipartCompleted completed) {
            key = "o\u0000" + event.bucket() + "\u0000" + completed.manifest().key();
        } else if (event instanceof ObjectEvent.ObjectCopied copied) {
            key = "o\u0000" + event.bucket() + "\u0000" + copied.manifest().key();
        } else if (event instanceof ObjectEvent.ObjectExpired expired) {
            key = "o\u0000" + event.bucket() + "\u0000" + expired.key();
        } else if (event instanceof ObjectEvent.BucketCorsSet) {
            key = "c\u0000" + event.bucket();
        } else if (event instanceof ObjectEvent.BucketLifecycleSet) {
            key = "l\u0000" + event.bucket();
        } else if (event instanceof ObjectEvent.ObjectTagsSet tagged) {
            key = "t\u0000" + event.bucket() + "\u0000" + tagged.key() + "\u0000" + tagged.objectVersion();
        } else if (event instanceof ObjectEvent.MultipartStarted started) {
            key = "m\u0000" + event.bucket() + "\u0000" + started.multipartUploadId();
        } else if (event instanceof ObjectEvent.MultipartAborted aborted) {
            key = "m\u0000" + event.bucket() + "\u0000" + aborted.multipartUploadId();
        } else if (event instanceof ObjectEvent.ObjectMoved moved) {
            key = "v\u0000" + moved.from().blobName() + "\u0000" + moved.from().offset();
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
                writeLocation(out, committed.location());
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
            } else if (event instanceof ObjectEvent.MultipartStarted started) {
                out.writeByte(MULTIPART_STARTED);
                BinaryFields.writeString(out, started.multipartUploadId().value());
                BinaryFields.writeString(out, started.bucket());
                BinaryFields.writeString(out, started.key());
                BinaryFields.writeVersion(out, started.versionId());
                BinaryFields.writeInstant(out, started.initiatedAt());
                ManifestCodec.writeMetadata(out, started.metadata());
                BinaryFields.writeMap(out, started.metadata().tags());
            } else if (event instanceof ObjectEvent.MultipartCompleted completed) {
                out.writeByte(MULTIPART_COMPLETED);
                BinaryFields.writeString(out, completed.multipartUploadId().value());
                ManifestCodec.write(out, completed.manifest());
                writeExtents(out, completed.extents());
            } else if (event instanceof ObjectEvent.ObjectCopied copied) {
                out.writeByte(OBJECT_COPIED);
                ManifestCodec.write(out, copied.manifest());
                out.writeBoolean(copied.location() != null);
                if (copied.location() != null) {
                    writeLocation(out, copied.location());
                }
                writeExtents(out, copied.extents());
            } else if (event instanceof ObjectEvent.BucketCorsSet cors) {
                out.writeByte(BUCKET_CORS_SET);
                BinaryFields.writeString(out, cors.bucket());
                BinaryFields.writeVersion(out, cors.versionId());
                out.writeInt(cors.rules().size());
                for (CorsRule rule : cors.rules()) {
                    writeRule(out, rule);
                }
            } else if (event instanceof ObjectEvent.ObjectTagsSet tagged) {
                out.writeByte(OBJECT_TAGS_SET);
                BinaryFields.writeString(out, tagged.bucket());
                BinaryFields.writeString(out, tagged.key());
                BinaryFields.writeVersion(out, tagged.objectVersion());
                BinaryFields.writeVersion(out, tagged.versionId());
                BinaryFields.writeMap(out, tagged.tags());
            } else if (event instanceof ObjectEvent.MultipartAborted aborted) {
                out.writeByte(MULTIPART_ABORTED);
                BinaryFields.writeString(out, aborted.multipartUploadId().value());
                BinaryFields.writeString(out, aborted.bucket());
                BinaryFields.writeString(out, aborted.key());
                BinaryFields.writeVersion(out, aborted.versionId());
            } else if (event instanceof ObjectEvent.ObjectMoved moved) {
                out.writeByte(OBJECT_MOVED);
                BinaryFields.writeString(out, moved.bucket());
                BinaryFields.writeString(out, moved.key());
                BinaryFields.writeVersion(out, moved.versionId());
                writeLocation(out, moved.from());
                writeLocation(out, moved.to());
            } else if (event instanceof ObjectEvent.BucketLifecycleSet lifecycle) {
                out.writeByte(BUCKET_LIFECYCLE_SET);
                BinaryFields.writeString(out, lifecycle.bucket());
                BinaryFields.writeVersion(out, lifecycle.versionId());
                out.writeInt(lifecycle.rules().size());
                for (LifecycleRule rule : lifecycle.rules()) {
                    writeLifecycleRule(out, rule);
                }
            } else if (event instanceof ObjectEvent.ObjectExpired expired) {
                out.writeByte(OBJECT_EXPIRED);
                BinaryFields.writeString(out, expired.bucket());
                BinaryFields.writeString(out, expired.key());
                BinaryFields.writeVersion(out, expired.versionId());
                BinaryFields.writeVersion(out, expired.expiredVersion());
                BinaryFields.writeInstant(out, expired.at());
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
        if (version < 1 || version > FORMAT_VERSION) {
            throw new RecordFormatException("unsupported event format " + version);
        }
        return UploadRecordCodec.decode(record.value(), in -> read(in, version));
    }

    private static void writeLocation(DataOutputStream out, ObjectLocation location) throws IOException {
        BinaryFields.writeString(out, location.blobName());
        out.writeLong(location.offset());
        out.writeLong(location.lengthBytes());
    }

    private static ObjectLocation readLocation(DataInputStream in) throws IOException {
        return new ObjectLocation(BinaryFields.readString(in), in.readLong(), in.readLong());
    }

    private static void writeExtents(DataOutputStream out, List<Extent> extents) throws IOException {
        out.writeInt(extents.size());
        for (Extent extent : extents) {
            out.writeInt(extent.partNumber());
            writeLocation(out, extent.location());
        }
    }

    private static List<Extent> readExtents(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > PartOf.MAX_PART_NUMBER) {
            throw new RecordFormatException("bad extent count " + count);
        }
        List<Extent> extents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            extents.add(new Extent(in.readInt(), readLocation(in)));
        }
        return extents;
    }

    private static void writeRule(DataOutputStream out, CorsRule rule) throws IOException {
        BinaryFields.writeNullable(out, rule.id());
        writeList(out, rule.allowedOrigins());
        writeList(out, rule.allowedMethods());
        writeList(out, rule.allowedHeaders());
        writeList(out, rule.exposeHeaders());
        out.writeInt(rule.maxAgeSeconds());
    }

    private static CorsRule readRule(DataInputStream in) throws IOException {
        return new CorsRule(BinaryFields.readNullable(in), readList(in), readList(in), readList(in), readList(in),
                in.readInt());
    }

    private static void writeLifecycleRule(DataOutputStream out, LifecycleRule rule) throws IOException {
        BinaryFields.writeString(out, rule.id());
        out.writeBoolean(rule.enabled());
        BinaryFields.writeString(out, rule.prefix());
        BinaryFields.writeMap(out, rule.tags());
        out.writeBoolean(rule.legacyPrefix());
        out.writeInt(rule.expirationDays());
        out.writeInt(rule.abortAfterDays());
    }

    private static LifecycleRule readLifecycleRule(DataInputStream in) throws IOException {
        return new LifecycleRule(BinaryFields.readString(in), in.readBoolean(), BinaryFields.readString(in),
                BinaryFields.readMap(in), in.readBoolean(), in.readInt(), in.readInt());
    }

    private static void writeList(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            BinaryFields.writeString(out, value);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 1000) {
            throw new RecordFormatException("bad list size " + count);
        }
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(BinaryFields.readString(in));
        }
        return values;
    }

    private static ObjectEvent read(DataInputStream in, byte version) throws IOException {
        byte kind = in.readByte();
        if (kind == COMMITTED) {
            UploadId uploadId = new UploadId(BinaryFields.readString(in));
            ObjectManifest manifest = ManifestCodec.read(in, version);
            return new ObjectEvent.ObjectCommitted(uploadId, manifest, readLocation(in));
        }
        if (kind == MULTIPART_STARTED) {
            return new ObjectEvent.MultipartStarted(new UploadId(BinaryFields.readString(in)),
                    BinaryFields.readString(in), BinaryFields.readString(in), BinaryFields.readVersion(in),
                    BinaryFields.readInstant(in), ManifestCodec.readMetadata(in).withTags(BinaryFields.readMap(in)));
        }
        if (kind == MULTIPART_COMPLETED) {
            UploadId uploadId = new UploadId(BinaryFields.readString(in));
            ObjectManifest manifest = ManifestCodec.read(in, version);
            return new ObjectEvent.MultipartCompleted(uploadId, manifest, readExtents(in));
        }
        if (kind == OBJECT_COPIED) {
            ObjectManifest manifest = ManifestCodec.read(in, version);
            ObjectLocation location = in.readBoolean() ? readLocation(in) : null;
            return new ObjectEvent.ObjectCopied(manifest, location, readExtents(in));
        }
        if (kind == BUCKET_CORS_SET) {
            String bucket = BinaryFields.readString(in);
            VersionId versionId = BinaryFields.readVersion(in);
            int count = in.readInt();
            if (count < 0 || count > 100) {
                throw new RecordFormatException("bad CORS rule count " + count);
            }
            List<CorsRule> rules = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                rules.add(readRule(in));
            }
            return new ObjectEvent.BucketCorsSet(bucket, versionId, rules);
        }
        if (kind == OBJECT_TAGS_SET) {
            return new ObjectEvent.ObjectTagsSet(BinaryFields.readString(in), BinaryFields.readString(in),
                    BinaryFields.readVersion(in), BinaryFields.readVersion(in), BinaryFields.readMap(in));
        }
        if (kind == MULTIPART_ABORTED) {
            return new ObjectEvent.MultipartAborted(new UploadId(BinaryFields.readString(in)),
                    BinaryFields.readString(in), BinaryFields.readString(in), BinaryFields.readVersion(in));
        }
        if (kind == OBJECT_MOVED) {
            return new ObjectEvent.ObjectMoved(BinaryFields.readString(in), BinaryFields.readString(in),
                    BinaryFields.readVersion(in), readLocation(in), readLocation(in));
        }
        if (kind == BUCKET_LIFECYCLE_SET) {
            String bucket = BinaryFields.readString(in);
            VersionId versionId = BinaryFields.readVersion(in);
            int count = in.readInt();
            if (count < 0 || count > MAX_LIFECYCLE_RULES) {
                throw new RecordFormatException("bad lifecycle rule count " + count);
            }
            List<LifecycleRule> rules = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                rules.add(readLifecycleRule(in));
            }
            return new ObjectEvent.BucketLifecycleSet(bucket, versionId, rules);
        }
        if (kind == OBJECT_EXPIRED) {
            return new ObjectEvent.ObjectExpired(BinaryFields.readString(in), BinaryFields.readString(in),
                    BinaryFields.readVersion(in), BinaryFields.readVersion(in), BinaryFields.readInstant(in));
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
