package dev.blobpipe.schemas;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Binary form of {@link ObjectManifest}, embedded in commit records and committed events. Format 1 ends after the
 * metadata; format 2 adds the multipart fields (part marker, part count).
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
        if (formatVersion >= 2) {
            if (in.readBoolean()) {
                partOf = new PartOf(new UploadId(BinaryFields.readString(in)), in.readInt());
            }
            partCount = in.readInt();
        }
        return new ObjectManifest(bucket, key, version, size, chunkCount, md5, sha256, lastModified, metadata, partOf,
                partCount);
    }

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
