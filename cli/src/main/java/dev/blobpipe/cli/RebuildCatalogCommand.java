package dev.blobpipe.cli;

import dev.blobpipe.catalog.CatalogConfig;
import dev.blobpipe.catalog.admin.AdminConnection;
import dev.blobpipe.catalog.rebuild.CatalogComparison;
import dev.blobpipe.catalog.rebuild.CatalogRebuild;
import dev.blobpipe.catalog.rebuild.ComparisonReport;
import dev.blobpipe.catalog.rebuild.RebuildProgress;
import dev.blobpipe.catalog.rebuild.RebuildResult;
import dev.blobpipe.catalog.rebuild.RowDifference;
import dev.blobpipe.catalog.rebuild.TableComparison;
import dev.blobpipe.schemas.Topics;
import dev.blobpipe.schemas.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code blobpipe admin rebuild-catalog}: replays blobpipe.events of the running {@code blobpipe dev} into a new
 * database on its PostgreSQL ({@link CatalogRebuild}) and, with {@code --compare}, compares it with the live catalog
 * table by table. Exit code 0: rebuilt (and equal); 1: the catalogs differ; 2: the rebuild could not be done.
 */
@Command(name = "rebuild-catalog", mixinStandardHelpOptions = true,
        description = {"Recreate the catalog from blobpipe.events alone into a new database (the live one is not "
                + "touched), optionally comparing it with the live catalog.",
            "The new database stays; drop it when done (psql: DROP DATABASE name)."})
final class RebuildCatalogCommand implements Callable<Integer> {
    /** The rebuild gives up after this long without progress (the indexer's log says why). */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    private static final int DIFFERENCES_SHOWN = 5;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "./data",
            description = "Data dir of the running blobpipe dev (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database", paramLabel = "NAME",
            description = "Name of the new database (default: blobpipe_rebuild_<UTC time>); it must not exist.")
    String database;

    @Option(names = "--compare", description = "Compare the rebuilt catalog with the live one; exit 1 if they differ.")
    boolean compare;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        DevRuntime runtime;
        try {
            runtime = DevRuntime.read(dataDir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new ConfigException(e.getMessage());
        }
        // dev's PostgreSQL has the default user and no password (DevSystem sets only the URL)
        var live = CatalogConfig.Values.defaults(runtime.jdbcUrl(), CatalogConfig.JDBC_USER.defaultValue(),
                CatalogConfig.JDBC_PASSWORD.defaultValue());
        String name = database == null ? CatalogRebuild.defaultDatabaseName(Clock.systemUTC()) : database;
        CatalogRebuild.Settings settings;
        try {
            settings = new CatalogRebuild.Settings(runtime.kafkaBootstrapServers(), Topics.EVENTS, live, name,
                    IDLE_TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--database: " + e.getMessage());
        }
        RebuildResult result;
        try {
            result = new CatalogRebuild(settings).run(new ProgressLines(out));
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("blobpipe: rebuild failed: " + e.getMessage());
            return 2;
        }
        out.println("rebuilt catalog database=" + result.databaseName() + " endOffset=" + result.endOffset());
        out.flush();
        if (!compare) {
            return 0;
        }
        ComparisonReport report = new CatalogComparison(AdminConnection.open(live),
                AdminConnection.open(CatalogConfig.Values.defaults(result.jdbcUrl(), live.jdbcUser(),
                        live.jdbcPassword())), DIFFERENCES_SHOWN).compare();
        print(report, out);
        return report.equal() ? 0 : 1;
    }

    private static void print(ComparisonReport report, PrintWriter out) {
        for (TableComparison table : report.tables()) {
            out.println(table.summary());
            for (RowDifference difference : table.firstDifferences()) {
                out.println("  " + difference);
            }
        }
        if (!report.sameOffsets()) {
            out.println("note: the catalogs stand at different offsets (live " + report.liveOffsets() + ", rebuilt "
                    + report.rebuiltOffsets() + "): the live one moved on during the rebuild; compare on a quiet"
                    + " system");
        }
        out.println(report.equal() ? "catalogs equal" : "catalogs DIFFER");
        out.flush();
    }

    /** Prints progress at most once a second, and always the first and the last. */
    private static final class ProgressLines implements Consumer<RebuildProgress> {
        private final PrintWriter out;
        private long lastNanos;

        ProgressLines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void accept(RebuildProgress progress) {
            long now = System.nanoTime();
            boolean edge = progress.done() == 0 || progress.done() == progress.total();
            if (edge || now - lastNanos >= PROGRESS_EVERY.toNanos()) {
                lastNanos = now;
                out.println("applied " + progress.done() + "/" + progress.total() + " offsets of " + Topics.EVENTS);
                out.flush();
            }
        }
    }
}
