package dev.blobpipe.stats.internal;

import java.util.Objects;

/** A bucket and key: the unit of last-writer-wins, and the key the events are repartitioned by. */
public record ObjectName(String bucket, String key) {
    public static final BinarySerde<ObjectName> SERDE = new BinarySerde<>(
            (out, name) -> {
                BinarySerde.writeString(out, name.bucket());
                BinarySerde.writeString(out, name.key());
            },
            in -> new ObjectName(BinarySerde.readString(in), BinarySerde.readString(in)));

    public ObjectName {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }
}
