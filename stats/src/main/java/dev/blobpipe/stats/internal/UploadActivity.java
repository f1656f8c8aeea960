package dev.blobpipe.stats.internal;

/** Chunks of one upload seen so far: first and last record time (epoch millis), chunk count and bytes. */
public record UploadActivity(long firstSeenMillis, long lastSeenMillis, long chunks, long bytes) {
    public static final BinarySerde<UploadActivity> SERDE = new BinarySerde<>(
            (out, activity) -> {
                out.writeLong(activity.firstSeenMillis());
                out.writeLong(activity.lastSeenMillis());
                out.writeLong(activity.chunks());
                out.writeLong(activity.bytes());
            },
            in -> new UploadActivity(in.readLong(), in.readLong(), in.readLong(), in.readLong()));

    static UploadActivity first(long timestampMillis, long bytes) {
        return new UploadActivity(timestampMillis, timestampMillis, 1, bytes);
    }

    UploadActivity plus(long timestampMillis, long moreBytes) {
        return new UploadActivity(Math.min(firstSeenMillis, timestampMillis), Math.max(lastSeenMillis, timestampMillis),
                chunks + 1, bytes + moreBytes);
    }
}
