package dev.blobpipe.catalog.admin;

import dev.blobpipe.catalog.internal.InventoryDao;
import dev.blobpipe.catalog.internal.KeyRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Parquet inventory of a bucket (the S3 Inventory analogue): its live objects under a prefix, in no particular
 * order (as S3's), streamed from one catalog snapshot through a cursor into an {@link InventoryFile}. Memory is bounded by the fetch
 * size and one row group, whatever the bucket's size.
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
            try {
                objectBytes = Snapshot.read(jdbi, handle -> {
                    long bytes = 0;
                    try (Stream<InventoryRow> rows = handle.attach(InventoryDao.class)
                            .inventory(bucket, prefix, KeyRange.successor(prefix))) {
                        for (Iterator<InventoryRow> it = rows.iterator(); it.hasNext(); ) {
                            InventoryRow row = it.next();
                            file.append(row);
                            bytes += row.sizeBytes();
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return bytes;
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            long fileBytes = file.commit();
            var summary = new Summary(file.rows(), objectBytes, fileBytes);
            log.info("inventory exported bucket={} prefix={} objects={} fileBytes={} file={} ms={}", bucket, prefix,
                    summary.objects(), fileBytes, out, (System.nanoTime() - started) / 1_000_000);
            return summary;
        }
    }
}
