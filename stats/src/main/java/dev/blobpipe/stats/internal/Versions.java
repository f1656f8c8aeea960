package dev.blobpipe.stats.internal;

import dev.blobpipe.schemas.VersionId;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Version ids in the stats' binary records: the three fields of {@link VersionId}. */
final class Versions {
    private Versions() {
    }

    static void write(DataOutputStream out, VersionId version) throws IOException {
        out.writeBoolean(version != null);
        if (version != null) {
            out.writeLong(version.physicalMillis());
            out.writeInt(version.counter());
            out.writeInt(version.nodeId());
        }
    }

    static VersionId read(DataInputStream in) throws IOException {
        return in.readBoolean() ? new VersionId(in.readLong(), in.readInt(), in.readInt()) : null;
    }
}
