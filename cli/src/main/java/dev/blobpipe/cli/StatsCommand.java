package dev.blobpipe.cli;

import dev.blobpipe.catalog.admin.BucketStatistics;
import dev.blobpipe.catalog.admin.BucketStats;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blobpipe admin stats}: what each live bucket holds. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Per bucket: live objects and bytes, dead bytes not yet collected, pack segments and open "
                + "multipart uploads.",
            "Dead bytes are an upper bound on what the compactor can reclaim: copies share blobs."})
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunningCatalog catalog;

    @Option(names = "--json", description = "One JSON object per bucket and line.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.printf("%12s %12s %12s %9s %9s  %s%n", "OBJECTS", "SIZE", "DEAD", "SEGMENTS", "UPLOADS", "BUCKET");
        }
        for (BucketStats bucket : new BucketStatistics(catalog.open()).all()) {
            if (json) {
                out.println(new JsonLine().field("bucket", bucket.bucket()).field("objects", bucket.objects())
                        .field("bytes", bucket.bytes()).field("deadBytes", bucket.deadBytes())
                        .field("segments", bucket.segments())
                        .field("openMultipartUploads", bucket.openMultipartUploads()));
            } else {
                out.printf("%12d %12s %12s %9d %9d  %s%n", bucket.objects(), ByteSize.format(bucket.bytes()),
                        ByteSize.format(bucket.deadBytes()), bucket.segments(), bucket.openMultipartUploads(),
                        bucket.bucket());
            }
        }
        out.flush();
        return 0;
    }
}
