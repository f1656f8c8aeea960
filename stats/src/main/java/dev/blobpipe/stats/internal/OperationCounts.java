package dev.blobpipe.stats.internal;

/** PUTs (new versions) and DELETEs (deletes and expiries) applied to a bucket in one window. */
public record OperationCounts(long puts, long deletes) {
    public static final OperationCounts ZERO = new OperationCounts(0, 0);
    public static final BinarySerde<OperationCounts> SERDE = new BinarySerde<>(
            (out, counts) -> {
                out.writeLong(counts.puts());
                out.writeLong(counts.deletes());
            },
            in -> new OperationCounts(in.readLong(), in.readLong()));

    public OperationCounts plus(BucketDelta delta) {
        return new OperationCounts(puts + delta.puts(), deletes + delta.deletes());
    }
}
