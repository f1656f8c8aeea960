package dev.blobpipe.cli;

import dev.blobpipe.catalog.admin.AdminJson;
import dev.blobpipe.catalog.admin.DiskUsage;
import dev.blobpipe.catalog.admin.JsonWriter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blobpipe admin du}: live objects and bytes per prefix level of a bucket, like {@code du}. */
@Command(name = "du", mixinStandardHelpOptions = true,
        description = {"Live objects and bytes per level under a scope.prefix, to a depth.",
            "A key counts at the prefix plus its first DEPTH directories after it (fewer if it has fewer)."})
final class DuCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunningCatalog catalog;

    @Mixin
    BucketScope scope;

    @Option(names = "--depth", defaultValue = "1", description = "Directory levels below the prefix (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--json", description = "One JSON object per line: scope.prefix, objects, bytes.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.printf("%12s %12s  %s%n", "OBJECTS", "SIZE", "PREFIX");
        }
        new DiskUsage(catalog.open()).forEach(scope.bucket, scope.prefix, depth, level -> {
            if (json) {
                out.println(JsonWriter.text(row -> AdminJson.write(row, level)));
            } else {
                out.printf("%12d %12s  %s%n", level.objects(), ByteSize.format(level.bytes()),
                        level.prefix().isEmpty() ? "(bucket root)" : level.prefix());
            }
        });
        out.flush();
        return 0;
    }
}
