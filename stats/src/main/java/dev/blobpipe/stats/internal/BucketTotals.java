package dev.blobpipe.stats.internal;

/** A bucket's running totals: live objects and their bytes, as the sum of every delta applied. */
public record BucketTotals(long objects, long bytes) {
    public static final BucketTotals ZERO = new BucketTotals(0, 0);
    public static final BinarySerde<BucketTotals> SERDE = new BinarySerde<>(
            (out, totals) -> {
                out.writeLong(totals.objects());
                out.writeLong(totals.bytes());
            },
            in -> new BucketTotals(in.readLong(), in.readLong()));

    public BucketTotals plus(BucketDelta delta) {
        return new BucketTotals(objects + delta.objects(), bytes + delta.bytes());
    }
}
