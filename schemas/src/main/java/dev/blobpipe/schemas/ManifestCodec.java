package dev.blobpipe.schemas;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Binary form of {@link ObjectManifest}, embedded in commit records and committed events. Format 1 ends after the
 * metadata; format 2 appends the part marker, the part count, the write condition and the tags.
 */
final class ManifestCodec {
    private ManifestCodec() {
    }

    static void write(DataOutput out, ObjectManifest manifest) throws IOException {
        BinaryFields.writeString(out, manifest.bucket());
        BinaryFields.writeString(out, manifest.key());
        BinaryFields.writeVersion(out, manifest.versionId());
        out.writeLong(manifest.sizeBytes());
        out.writeLong(manifest.chunkCount());
        BinaryFields.writeString(out, manifest.md5Hex());
        BinaryFields.writeString(out, manifest.sha256Hex());
        BinaryFields.writeInstant(out, manifest.lastModified());
        writeMetadata(out, manifest.metadata());
        PartOf partOf = manifest.partOf();
        out.writeBoolean(partOf != null);
        if (partOf != null) {
            BinaryFields.writeString(out, partOf.multipartUploadId().value());
            out.writeInt(partOf.partNumber());
        }
        out.writeInt(manifest.partCount());
        WriteCondition condition = manifest.condition();
        out.writeBoolean(condition != null);
        if (condition != null) {
            out.writeByte(condition.kind().ordinal());
            BinaryFields.writeNullable(out, condition.etag());
        }
        BinaryFields.writeMap(out, manifest.metadata().tags());
    }

    static ObjectManifest read(DataInput in, byte formatVersion) throws IOException {
        String bucket = BinaryFields.readString(in);
        String key = BinaryFields.readString(in);
        VersionId version = BinaryFields.readVersion(in);
        long size = in.readLong();
        long chunkCount = in.readLong();
        String md5 = BinaryFields.readString(in);
        String sha256 = BinaryFields.readString(in);
        var lastModified = BinaryFields.readInstant(in);
        ObjectMetadata metadata = readMetadata(in);
        PartOf partOf = null;
        int partCount = 0;
        WriteCondition condition = null;
        if (formatVersion >= 2) {
            if (in.readBoolean()) {
                partOf = new PartOf(new UploadId(BinaryFields.readString(in)), in.readInt());
            }
            partCount = in.readInt();
            if (in.readBoolean()) {
                int kind = in.readUnsignedByte();
                if (kind >= WriteCondition.Kind.values().length) {
                    throw new RecordFormatException("unknown write condition " + kind);
                }
                condition = new WriteCondition(WriteCondition.Kind.values()[kind], BinaryFields.readNullable(in));
            }
            metadata = metadata.withTags(BinaryFields.readMap(in));
        }
        return new ObjectManifest(bucket, key, version, size, chunkCount, md5, sha256, lastModified, metadata, partOf,
                partCount, condition);
    }

    /** The format-1 metadata fields (tags travel separately: they came with format 2). */
    static void writeMetadata(DataOutput out, ObjectMetadata metadata) throws IOException {
        BinaryFields.writeNullable(out, metadata.contentType());
        BinaryFields.writeNullable(out, metadata.contentEncoding());
        BinaryFields.writeNullable(out, metadata.contentDisposition());
        BinaryFields.writeNullable(out, metadata.cacheControl());
        BinaryFields.writeNullable(out, metadata.expires());
        BinaryFields.writeMap(out, metadata.userMetadata());
        BinaryFields.writeMap(out, metadata.checksums());
    }

    static ObjectMetadata readMetadata(DataInput in) throws IOException {
        return new ObjectMetadata(
                BinaryFields.readNullable(in),
                BinaryFields.readNullable(in),
                BinaryFields.readNullable(in),
                BinaryFields.readNullable(in),
                BinaryFields.readNullable(in),
                BinaryFields.readMap(in),
                BinaryFields.readMap(in));
    }
}
