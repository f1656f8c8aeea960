package dev.blobpipe.cli;

import dev.blobpipe.catalog.admin.InventoryExport;
import dev.blobpipe.catalog.admin.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blobpipe admin export}: a bucket's Parquet inventory, like S3 Inventory. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the live objects of a bucket (under a scope.prefix) to a Parquet file: scope.bucket, key, "
                + "version_id, size, etag, content_type, last_modified, storage_location, user_metadata.",
            "The file appears only once complete; an existing one is replaced."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunningCatalog catalog;

    @Mixin
    BucketScope scope;

    @Option(names = "--out", required = true, paramLabel = "FILE.parquet", description = "The Parquet file to write.")
    Path out;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        InventoryExport.Summary summary = new InventoryExport(catalog.open()).write(scope.bucket, scope.prefix, out);
        PrintWriter console = spec.commandLine().getOut();
        if (json) {
            console.println(JsonWriter.text(row -> row.beginObject().field("file", out.toAbsolutePath().toString())
                    .field("objects", summary.objects()).field("bytes", summary.objectBytes())
                    .field("fileBytes", summary.fileBytes()).endObject()));
        } else {
            console.printf("exported %d objects (%s) to %s (%s)%n", summary.objects(),
                    ByteSize.format(summary.objectBytes()), out.toAbsolutePath(),
                    ByteSize.format(summary.fileBytes()));
        }
        console.flush();
        return 0;
    }
}
