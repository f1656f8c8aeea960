package dev.blobpipe.stats.internal;

/** How one applied event changes its bucket's counts: live objects and bytes, and one PUT or DELETE. */
public record BucketDelta(long objects, long bytes, long puts, long deletes) {
    public static final BinarySerde<BucketDelta> SERDE = new BinarySerde<>(
            (out, delta) -> {
                out.writeLong(delta.objects());
                out.writeLong(delta.bytes());
                out.writeLong(delta.puts());
                out.writeLong(delta.deletes());
            },
            in -> new BucketDelta(in.readLong(), in.readLong(), in.readLong(), in.readLong()));
}
