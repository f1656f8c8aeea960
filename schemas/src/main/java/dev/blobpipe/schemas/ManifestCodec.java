package dev.blobpipe.schemas;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Binary form of {@link ObjectManifest}, embedded in commit records and committed events. */
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
        ObjectMetadata metadata = manifest.metadata();
        BinaryFields.writeNullable(out, metadata.contentType());
        BinaryFields.writeNullable(out, metadata.contentEncoding());
        BinaryFields.writeNullable(out, metadata.contentDisposition());
        BinaryFields.writeNullable(out, metadata.cacheControl());
        BinaryFields.writeNullable(out, metadata.expires());
        BinaryFields.writeMap(out, metadata.userMetadata());
        BinaryFields.writeMap(out, metadata.checksums());
    }

    static ObjectManifest read(DataInput in) throws IOException {
        String bucket = BinaryFields.readString(in);
        String key = BinaryFields.readString(in);
        VersionId version = BinaryFields.readVersion(in);
        long size = in.readLong();
        long chunkCount = in.readLong();
        String md5 = BinaryFields.readString(in);
        String sha256 = BinaryFields.readString(in);
        var lastModified = BinaryFields.readInstant(in);
        var metadata = new ObjectMetadata(
                BinaryFields.readNullable(in),
                BinaryFields.readNullable(in),
                BinaryFields.readNullable(in),
                BinaryFields.readNullable(in),
                BinaryFields.readNullable(in),
                BinaryFields.readMap(in),
                BinaryFields.readMap(in));
        return new ObjectManifest(bucket, key, version, size, chunkCount, md5, sha256, lastModified, metadata);
    }
}
