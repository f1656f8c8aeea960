package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.admin.AdminJson;
import dev.blobpipe.catalog.admin.BucketStats;
import dev.blobpipe.catalog.admin.JsonWriter;
import dev.blobpipe.catalog.admin.ObjectSearch;
import dev.blobpipe.ingest.admin.AdminQueries;
import dev.blobpipe.ingest.admin.LiveStatsSnapshot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The operator endpoints under {@code /admin/} on the S3 port, authenticated like every S3 request: {@code du},
 * {@code find} and {@code stats} from the catalog's admin queries, as JSON Lines with the fields of
 * {@code blobpipe admin … --json} (du and find stream row by row as the catalog cursor reads them), and
 * {@code stats/live}, one JSON document from the live stats. Errors are S3 error documents, like every other answer of
 * this port. "admin" is therefore a reserved bucket name ({@link BucketName}). {@code health} is the exception: GET and
 * HEAD of it are answered before authentication, by {@link HealthHandler}.
 */
final class AdminHandler {
    static final String PREFIX = "/admin";
    static final String NDJSON = "application/x-ndjson; charset=utf-8";
    static final String JSON = "application/json; charset=utf-8";
    /** du levels below this are rarely what anyone wants, and each level costs PostgreSQL a split_part. */
    static final int MAX_DEPTH = 64;

    private final AdminQueries queries;
    private final S3Backend backend;

    AdminHandler(AdminQueries queries, S3Backend backend) {
        this.queries = queries;
        this.backend = backend;
    }

    /**
     * Whether a request is for the admin endpoints: path style, under /admin/. A bare {@code /admin} stays an S3
     * bucket request, so CreateBucket admin gets its InvalidBucketName.
     */
    static boolean isAdminPath(S3Resource resource, String rawPath) {
        return "admin".equals(resource.bucket()) && rawPath.startsWith(PREFIX + "/");
    }

    void handle(S3Call call, String rawPath) throws IOException {
        if (queries == null) {
            throw new S3Exception(S3Error.NOT_IMPLEMENTED, "The admin endpoints are not enabled on this server.");
        }
        String endpoint = rawPath.substring(PREFIX.length());
        if (!Set.of("/du", "/find", "/stats", "/stats/live", "/health").contains(endpoint)) {
            throw new S3Exception(S3Error.NO_SUCH_KEY, "No such admin endpoint: " + endpoint);
        }
        // GET and HEAD of /health never come here (HealthHandler answers them): any other method is refused below
        if (!"GET".equals(call.method()) || "/health".equals(endpoint)) {
            throw new S3Exception(S3Error.METHOD_NOT_ALLOWED);
        }
        switch (endpoint) {
            case "/du" -> diskUsage(call);
            case "/find" -> find(call);
            case "/stats" -> statistics(call);
            default -> live(call);
        }
    }

    private void diskUsage(S3Call call) throws IOException {
        QueryParams query = allowOnly(call.query(), Set.of("bucket", "prefix", "depth"));
        String bucket = existingBucket(query);
        String prefix = query.has("prefix") ? query.get("prefix") : "";
        int depth = (int) number(query, "depth", 1, 0, MAX_DEPTH);
        stream(call, NDJSON, json -> queries.diskUsage().forEach(bucket, prefix, depth, level -> line(json, () ->
                AdminJson.write(json, level))));
    }

    private void find(S3Call call) throws IOException {
        QueryParams query = allowOnly(call.query(), Set.of("bucket", "prefix", "olderThan", "largerThan"));
        String bucket = existingBucket(query);
        String prefix = query.has("prefix") ? query.get("prefix") : "";
        Instant before = null;
        if (query.has("olderThan")) {
            before = backend.clock().instant().minus(duration(query.get("olderThan")));
        }
        long largerThan = number(query, "largerThan", -1, 0, Long.MAX_VALUE);
        var criteria = new ObjectSearch.Criteria(bucket, prefix, before, largerThan);
        stream(call, NDJSON, json -> queries.search().forEach(criteria, object -> line(json, () ->
                AdminJson.write(json, object))));
    }

    private void statistics(S3Call call) throws IOException {
        allowOnly(call.query(), Set.of());
        var buckets = queries.statistics().all();
        stream(call, NDJSON, json -> {
            for (BucketStats bucket : buckets) {
                line(json, () -> AdminJson.write(json, bucket));
            }
        });
    }

    private void live(S3Call call) throws IOException {
        allowOnly(call.query(), Set.of());
        if (queries.live() == null) {
            throw new S3Exception(S3Error.NOT_IMPLEMENTED, "The live stats do not run in this process"
                    + " (stats.enabled=false).");
        }
        LiveStatsSnapshot snapshot = queries.live().snapshot();
        stream(call, JSON, json -> {
            json.beginObject().name("buckets").beginArray();
            for (LiveStatsSnapshot.Bucket bucket : snapshot.buckets()) {
                json.beginObject().field("bucket", bucket.bucket()).field("objects", bucket.objects())
                        .field("bytes", bucket.bytes()).endObject();
            }
            json.endArray().name("minutes").beginArray();
            for (LiveStatsSnapshot.Minute minute : snapshot.minutes()) {
                json.beginObject().field("bucket", minute.bucket()).field("start", minute.start().toString())
                        .field("puts", minute.puts()).field("deletes", minute.deletes()).endObject();
            }
            json.endArray().field("idleThresholdSeconds", snapshot.idleThreshold().toSeconds())
                    .name("idleUploads").beginArray();
            for (LiveStatsSnapshot.IdleUpload upload : snapshot.idleUploads()) {
                json.beginObject().field("uploadId", upload.uploadId())
                        .field("firstSeen", upload.firstSeen().toString())
                        .field("lastSeen", upload.lastSeen().toString())
                        .field("chunks", upload.chunks()).field("bytes", upload.bytes()).endObject();
            }
            json.endArray().endObject();
        });
    }

    /** Unknown parameters are refused, so a misspelt filter never silently widens a search. */
    private static QueryParams allowOnly(QueryParams query, Set<String> allowed) {
        for (String name : query.names()) {
            if (!allowed.contains(name)) {
                throw new S3Exception(S3Error.INVALID_ARGUMENT, "Unknown parameter " + name + "; allowed: "
                        + allowed);
            }
        }
        return query;
    }

    private String existingBucket(QueryParams query) {
        String bucket = query.get("bucket");
        if (bucket == null || bucket.isEmpty()) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "Parameter bucket is required.");
        }
        backend.requireBucket(bucket);
        return bucket;
    }

    private static long number(QueryParams query, String name, long absent, long min, long max) {
        if (!query.has(name)) {
            return absent;
        }
        try {
            long value = Long.parseLong(query.get(name));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, with the rule
        }
        throw new S3Exception(S3Error.INVALID_ARGUMENT, "Parameter " + name + " must be a whole number from " + min
                + " to " + max + ".");
    }

    /** An ISO-8601 duration (PT12H, P30D), not negative. */
    private static Duration duration(String text) {
        try {
            Duration value = Duration.parse(text);
            if (!value.isNegative()) {
                return value;
            }
        } catch (DateTimeParseException e) {
            // answered below, with the rule
        }
        throw new S3Exception(S3Error.INVALID_ARGUMENT, "Parameter olderThan must be an ISO-8601 duration such as"
                + " P30D or PT12H.");
    }

    @FunctionalInterface
    private interface JsonBody {
        void write(JsonWriter json) throws IOException;
    }

    @FunctionalInterface
    private interface JsonLine {
        void write() throws IOException;
    }

    private static void stream(S3Call call, String contentType, JsonBody body) throws IOException {
        call.status(200);
        call.responseHeader("Content-Type", contentType);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(call.openBody(), StandardCharsets.UTF_8),
                16 << 10)) {
            var json = new JsonWriter(out);
            writeThrough(body, json);
            if (JSON.equals(contentType)) {
                out.write('\n');
            }
        }
    }

    private static void writeThrough(JsonBody body, JsonWriter json) throws IOException {
        try {
            body.write(json);
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a write from inside a catalog row callback
        }
    }

    /** One JSON Lines row, from inside a catalog callback (which cannot throw IOException). */
    private static void line(JsonWriter json, JsonLine row) {
        try {
            row.write();
            json.newline();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
