package dev.blobpipe.cli;

import dev.blobpipe.blobstore.fs.FilesystemBlobStore;
import dev.blobpipe.catalog.CatalogConfig;
import dev.blobpipe.catalog.CatalogDatabase;
import dev.blobpipe.compactor.Compactor;
import dev.blobpipe.compactor.CompactorConfig;
import dev.blobpipe.compactor.SegmentRewrite;
import dev.blobpipe.compactor.SweepSummary;
import dev.blobpipe.schemas.config.ConfigValues;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code blobpipe admin compact}: one compactor sweep now against the running {@code blobpipe dev} of a data dir (its
 * PostgreSQL, broker and blob directory), then a one-line summary with the compaction's throughput; each rewritten
 * segment gets a progress line on stderr. The dev system's own compactor may be sweeping
 * too; then this sweep waits for nothing and reports that it was skipped.
 */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = "Run one compactor sweep (dead blob collection, segment compaction, multipart expiry) now and"
                + " print what it did; a line per rewritten segment goes to stderr.")
final class CompactCommand implements Callable<Integer> {
    /** Two connections: the pool's queries, and the sweep lock holds one of its own outside the pool. */
    private static final int POOL_SIZE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "./data",
            description = "Data dir of the running `blobpipe dev` (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A compactor setting (e.g. compactor.gc.grace=PT1M); repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        ConfigValues values = Settings.validated(settings);
        DevRuntime runtime = DevRuntime.read(dataDir.toAbsolutePath().normalize());
        // dev's PostgreSQL has the default user and no password (DevSystem sets only the URL)
        var catalogConfig = new CatalogConfig.Values(runtime.jdbcUrl(), CatalogConfig.JDBC_USER.defaultValue(),
                CatalogConfig.JDBC_PASSWORD.defaultValue(), POOL_SIZE, CatalogConfig.INDEXER_POLL_TIMEOUT.defaultValue(),
                CatalogConfig.INDEXER_INSTANCE_ID.defaultValue(), CatalogConfig.RETRY_BACKOFF_MAX.defaultValue());
        SweepSummary summary;
        try (CatalogDatabase database = CatalogDatabase.open(catalogConfig);
                FilesystemBlobStore blobs = new FilesystemBlobStore(runtime.blobRoot());
                Compactor compactor = new Compactor(database, blobs, runtime.kafkaBootstrapServers(),
                        CompactorConfig.from(values), Clock.systemUTC())) {
            PrintWriter err = spec.commandLine().getErr();
            summary = compactor.sweep((done, total, rewrite) -> {
                err.println(progressLine(done, total, rewrite));
                err.flush();
            });
        }
        spec.commandLine().getOut().println(describe(summary));
        spec.commandLine().getOut().flush();
        return 0;
    }

    static String describe(SweepSummary summary) {
        if (summary.skipped()) {
            return "compaction skipped: another sweep is running";
        }
        String deferred = summary.reclaimDeferred()
                ? " (nothing deleted or rewritten: the indexer has not applied every event yet, see the log)" : "";
        return "compaction done" + deferred + ": blobs deleted " + summary.blobsDeleted() + ", bytes reclaimed "
                + summary.bytesReclaimed() + ", uploads expired " + summary.uploadsExpired() + ", segments rewritten "
                + summary.segmentsRewritten() + ", segments deleted " + summary.segmentsDeleted() + ", bytes copied "
                + summary.bytesCopied() + String.format(Locale.ROOT, " (%.1f MB/s)", megabytesPerSecond(summary));
    }

    /** One line per rewritten segment on stderr, so a long compaction shows where it is. */
    static String progressLine(int done, int total, SegmentRewrite rewrite) {
        return String.format(Locale.ROOT, "[%d/%d] %s: %d frames moved, %d bytes copied, %d corrupt, %d ms", done,
                total, rewrite.segmentName(), rewrite.framesMoved(), rewrite.bytesCopied(), rewrite.corruptFrames(),
                rewrite.took().toMillis());
    }

    /** Decimal megabytes (10^6 bytes) per second of rewriting, as disks and networks are quoted. */
    static double megabytesPerSecond(SweepSummary summary) {
        long nanos = summary.rewriteTime().toNanos();
        return nanos == 0 ? 0 : summary.bytesCopied() / 1e6 / (nanos / 1e9);
    }
}
