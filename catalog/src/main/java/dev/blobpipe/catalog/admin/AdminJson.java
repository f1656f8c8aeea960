package dev.blobpipe.catalog.admin;

import java.io.IOException;
import java.time.temporal.ChronoUnit;

/**
 * The JSON object of each admin row: the one place for the field names that {@code blobpipe admin … --json} prints
 * and the {@code /admin/} endpoints serve, so both answer alike. Times are ISO-8601 UTC to the second.
 */
public final class AdminJson {
    private AdminJson() {
    }

    /** A {@code du} level. */
    public static void write(JsonWriter json, PrefixUsage level) throws IOException {
        json.beginObject().field("prefix", level.prefix()).field("objects", level.objects())
                .field("bytes", level.bytes()).endObject();
    }

    /** A {@code find} result. */
    public static void write(JsonWriter json, FoundObject object) throws IOException {
        json.beginObject().field("key", object.key()).field("size", object.sizeBytes())
                .field("lastModified", object.lastModified().truncatedTo(ChronoUnit.SECONDS).toString())
                .field("etag", object.etag()).endObject();
    }

    /** A bucket's line of {@code stats}. */
    public static void write(JsonWriter json, BucketStats bucket) throws IOException {
        json.beginObject().field("bucket", bucket.bucket()).field("objects", bucket.objects())
                .field("bytes", bucket.bytes()).field("deadBytes", bucket.deadBytes())
                .field("segments", bucket.segments()).field("openMultipartUploads", bucket.openMultipartUploads())
                .endObject();
    }
}
