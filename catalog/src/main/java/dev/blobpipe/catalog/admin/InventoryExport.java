package dev.blobpipe.catalog.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Parquet inventory of a bucket (the S3 Inventory analogue): its live objects under a prefix, in no particular
 * order (as S3's), streamed from one catalog snapshot by a binary COPY ({@link InventoryCopy}) into an
 * {@link InventoryFile} written on a second thread ({@link InventoryWriterThread}). Memory is bounded by the hand-off
 * queue and one row group, whatever the bucket's size.
 */
public final class InventoryExport {
    private static final Logger log = LoggerFactory.getLogger(InventoryExport.class);

    private final Jdbi jdbi;

    public InventoryExport(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** What an export wrote: objects (rows), their total size, and the Parquet file's size. */
    public record Summary(long objects, long objectBytes, long fileBytes) {
    }

    /** Writes the inventory to {@code out}, which appears only once complete; an existing file is replaced. */
    public Summary write(String bucket, String prefix, Path out) throws IOException {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        long started = System.nanoTime();
        try (InventoryFile file = InventoryFile.create(out)) {
            long objectBytes;
            try (InventoryWriterThread writer = new InventoryWriterThread(file, bucket)) {
                try {
                    Snapshot.read(jdbi, handle -> {
                        try (InventoryCopy copy = InventoryCopy.start(handle, bucket, prefix)) {
                            for (byte[] tuple = copy.next(); tuple != null; tuple = copy.next()) {
                                writer.add(tuple);
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        return null;
                    });
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                // the snapshot is read: its connection goes back while the writer finishes the file
                objectBytes = writer.finish();
            }
            long fileBytes = file.commit();
            var summary = new Summary(file.rows(), objectBytes, fileBytes);
            log.info("inventory exported bucket={} prefix={} objects={} fileBytes={} file={} ms={}", bucket, prefix,
                    summary.objects(), fileBytes, out, (System.nanoTime() - started) / 1_000_000);
            return summary;
        }
    }
}
