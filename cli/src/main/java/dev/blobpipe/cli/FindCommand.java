package dev.blobpipe.cli;

import dev.blobpipe.catalog.admin.AdminJson;
import dev.blobpipe.catalog.admin.JsonWriter;
import dev.blobpipe.catalog.admin.ObjectSearch;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blobpipe admin find}: live objects of a bucket by prefix, age and size, printed as they are read. */
@Command(name = "find", mixinStandardHelpOptions = true,
        description = "Live objects of a bucket under a scope.prefix, optionally older than an age and larger than a size.")
final class FindCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunningCatalog catalog;

    @Mixin
    BucketScope scope;

    @Option(names = "--older-than", converter = Age.class, paramLabel = "AGE",
            description = "Only objects last modified longer ago than this (30d, 12h, 2w, PT90M).")
    Duration olderThan;

    @Option(names = "--larger-than", converter = ByteSize.class, paramLabel = "SIZE",
            description = "Only objects larger than this (1GiB, 500MB, 4096).")
    Long largerThan;

    @Option(names = "--json", description = "One JSON object per line: key, size, lastModified, etag.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Instant before = olderThan == null ? null : Clock.systemUTC().instant().minus(olderThan);
        var criteria = new ObjectSearch.Criteria(scope.bucket, scope.prefix, before,
                largerThan == null ? -1 : largerThan);
        if (!json) {
            out.printf("%12s  %-20s  %-36s  %s%n", "SIZE", "LAST MODIFIED", "ETAG", "KEY");
        }
        new ObjectSearch(catalog.open()).forEach(criteria, object -> {
            if (json) {
                out.println(JsonWriter.text(row -> AdminJson.write(row, object)));
            } else {
                String lastModified = DateTimeFormatter.ISO_INSTANT.format(object.lastModified()
                        .truncatedTo(ChronoUnit.SECONDS));
                out.printf("%12s  %-20s  %-36s  %s%n", ByteSize.format(object.sizeBytes()), lastModified,
                        object.etag(), object.key());
            }
        });
        out.flush();
        return 0;
    }
}
