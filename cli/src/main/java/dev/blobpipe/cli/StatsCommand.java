package dev.blobpipe.cli;

import dev.blobpipe.catalog.admin.AdminJson;
import dev.blobpipe.catalog.admin.BucketStatistics;
import dev.blobpipe.catalog.admin.BucketStats;
import dev.blobpipe.catalog.admin.JsonWriter;
import dev.blobpipe.schemas.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blobpipe admin stats}: what each live bucket holds, from the catalog or (--live) from the live stats. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Per bucket: live objects and bytes, dead bytes not yet collected, pack segments and open "
                + "multipart uploads.",
            "Dead bytes are an upper bound on what the compactor can reclaim: copies share blobs.",
            "--live asks the running system's live stats instead (GET /admin/stats/live, signed): live objects and "
                + "bytes, PUTs and DELETEs of the last minutes, and idle uploads."})
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunningCatalog catalog;

    @Option(names = "--json", description = "One JSON object per bucket and line; with --live the endpoint's JSON "
            + "document as it came.")
    boolean json;

    @Option(names = "--live", description = "Ask the running system's live stats (Kafka Streams) over HTTP.")
    boolean live;

    @Option(names = "--access-key", description = "With --live: access key id (else BLOBPIPE_ACCESS_KEY, else the "
            + "data dir's credentials).")
    String accessKey;

    @Option(names = "--secret-key", description = "With --live: secret key (else BLOBPIPE_SECRET_KEY, else the data "
            + "dir's credentials).")
    String secretKey;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        int status = live ? printLive(out) : printCatalog(out);
        out.flush();
        return status;
    }

    private int printCatalog(PrintWriter out) {
        if (!json) {
            out.printf("%12s %12s %12s %9s %9s  %s%n", "OBJECTS", "SIZE", "DEAD", "SEGMENTS", "UPLOADS", "BUCKET");
        }
        for (BucketStats bucket : new BucketStatistics(catalog.open()).all()) {
            if (json) {
                out.println(JsonWriter.text(row -> AdminJson.write(row, bucket)));
            } else {
                out.printf("%12d %12s %12s %9d %9d  %s%n", bucket.objects(), ByteSize.format(bucket.bytes()),
                        ByteSize.format(bucket.deadBytes()), bucket.segments(), bucket.openMultipartUploads(),
                        bucket.bucket());
            }
        }
        return 0;
    }

    private int printLive(PrintWriter out) throws IOException {
        Path dataDir = catalog.dataDir.toAbsolutePath().normalize();
        DevRuntime runtime;
        try {
            runtime = DevRuntime.read(dataDir);
        } catch (IOException e) {
            throw new ConfigException(e.getMessage());
        }
        DevCredentials credentials = DevCredentials.existing(accessKey, secretKey, dataDir);
        if (credentials == null) {
            throw new ConfigException("no credentials: give --access-key and --secret-key, set BLOBPIPE_ACCESS_KEY"
                    + " and BLOBPIPE_SECRET_KEY, or use the data dir of the blobpipe dev that generated them");
        }
        AdminEndpoint.Answer answer = new AdminEndpoint(runtime.endpoint(), credentials).get("/admin/stats/live");
        if (answer.status() != 200) {
            spec.commandLine().getErr().println("GET /admin/stats/live answered " + answer.status() + ": "
                    + answer.body());
            return 1;
        }
        if (json) {
            out.print(answer.body());
            return 0;
        }
        printLiveTable(out, (Map<?, ?>) JsonReader.parse(answer.body()));
        return 0;
    }

    private static void printLiveTable(PrintWriter out, Map<?, ?> document) {
        out.printf("%12s %12s  %s%n", "OBJECTS", "SIZE", "BUCKET");
        for (Object row : (List<?>) document.get("buckets")) {
            Map<?, ?> bucket = (Map<?, ?>) row;
            out.printf("%12d %12s  %s%n", (Long) bucket.get("objects"), ByteSize.format((Long) bucket.get("bytes")),
                    bucket.get("bucket"));
        }
        out.println();
        out.printf("%-20s %8s %8s  %s%n", "MINUTE", "PUTS", "DELETES", "BUCKET");
        for (Object row : (List<?>) document.get("minutes")) {
            Map<?, ?> minute = (Map<?, ?>) row;
            out.printf("%-20s %8d %8d  %s%n", minute.get("start"), (Long) minute.get("puts"),
                    (Long) minute.get("deletes"), minute.get("bucket"));
        }
        out.println();
        out.printf("uploads idle over %ds:%n", (Long) document.get("idleThresholdSeconds"));
        out.printf("%-20s %-20s %12s %8s  %s%n", "FIRST SEEN", "LAST SEEN", "SIZE", "CHUNKS", "UPLOAD ID");
        for (Object row : (List<?>) document.get("idleUploads")) {
            Map<?, ?> upload = (Map<?, ?>) row;
            out.printf("%-20s %-20s %12s %8d  %s%n", upload.get("firstSeen"), upload.get("lastSeen"),
                    ByteSize.format((Long) upload.get("bytes")), (Long) upload.get("chunks"), upload.get("uploadId"));
        }
    }
}
