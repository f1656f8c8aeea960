package dev.blobpipe.stats.internal;

import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.VersionId;
import dev.blobpipe.schemas.WriteCondition;
import java.util.Objects;

/**
 * What an object event does to its key, reduced to what the counts need: a new version (with its size, ETag and write
 * condition), a delete, or a lifecycle expiry of one named version.
 */
public record KeyChange(Kind kind, VersionId version, long sizeBytes, String etag, WriteCondition condition,
        VersionId expiredVersion) {

    /** The three ways an event changes a key. */
    public enum Kind { WRITE, DELETE, EXPIRE }

    public static final BinarySerde<KeyChange> SERDE = new BinarySerde<>(
            (out, change) -> {
                out.writeByte(change.kind().ordinal());
                Versions.write(out, change.version());
                out.writeLong(change.sizeBytes());
                BinarySerde.writeString(out, change.etag());
                out.writeByte(change.condition() == null ? -1 : change.condition().kind().ordinal());
                if (change.condition() != null) {
                    BinarySerde.writeString(out, change.condition().etag());
                }
                Versions.write(out, change.expiredVersion());
            },
            in -> {
                Kind kind = Kind.values()[in.readByte()];
                VersionId version = Versions.read(in);
                long size = in.readLong();
                String etag = BinarySerde.readString(in);
                byte conditionKind = in.readByte();
                WriteCondition condition = conditionKind < 0 ? null
                        : new WriteCondition(WriteCondition.Kind.values()[conditionKind], BinarySerde.readString(in));
                return new KeyChange(kind, version, size, etag, condition, Versions.read(in));
            });

    public KeyChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        if ((kind == Kind.WRITE) != (etag != null) || (kind == Kind.EXPIRE) != (expiredVersion != null)) {
            throw new IllegalArgumentException("a write has an ETag, an expiry the version it expires: " + kind);
        }
    }

    /** A new version of the manifest's key (upload, copy or completed multipart upload). */
    static KeyChange write(ObjectManifest manifest) {
        return new KeyChange(Kind.WRITE, manifest.versionId(), manifest.sizeBytes(), manifest.etag(),
                manifest.condition(), null);
    }

    static KeyChange delete(ObjectEvent.ObjectDeleted deleted) {
        return new KeyChange(Kind.DELETE, deleted.versionId(), 0, null, null, null);
    }

    static KeyChange expire(ObjectEvent.ObjectExpired expired) {
        return new KeyChange(Kind.EXPIRE, expired.versionId(), 0, null, null, expired.expiredVersion());
    }
}
