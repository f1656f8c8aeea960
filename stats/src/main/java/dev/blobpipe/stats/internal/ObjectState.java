package dev.blobpipe.stats.internal;

import dev.blobpipe.schemas.VersionId;
import java.util.Objects;

/**
 * The newest version the stats saw of one key: live (with its size and ETag, which If-Match compares) or a tombstone,
 * kept so that a late, older write cannot come back to life.
 */
public record ObjectState(VersionId version, long sizeBytes, String etag, boolean live) {
    public static final BinarySerde<ObjectState> SERDE = new BinarySerde<>(
            (out, state) -> {
                Versions.write(out, state.version());
                out.writeLong(state.sizeBytes());
                BinarySerde.writeString(out, state.etag());
                out.writeBoolean(state.live());
            },
            in -> new ObjectState(Versions.read(in), in.readLong(), BinarySerde.readString(in), in.readBoolean()));

    public ObjectState {
        Objects.requireNonNull(version, "version");
        if (live == (etag == null)) {
            throw new IllegalArgumentException("a live version has an ETag, a tombstone none");
        }
    }

    static ObjectState tombstone(VersionId version) {
        return new ObjectState(version, 0, null, false);
    }

    /** The live version's ETag, null for a tombstone: what a write condition is decided against. */
    String liveEtag() {
        return live ? etag : null;
    }

    long liveObjects() {
        return live ? 1 : 0;
    }

    long liveBytes() {
        return live ? sizeBytes : 0;
    }
}
