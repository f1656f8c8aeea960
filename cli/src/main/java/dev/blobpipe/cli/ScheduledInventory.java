package dev.blobpipe.cli;

import dev.blobpipe.catalog.admin.InventoryExport;
import dev.blobpipe.ingest.auth.PlainBody;
import dev.blobpipe.ingest.upload.ObjectUploader;
import dev.blobpipe.ingest.upload.UploadRequest;
import dev.blobpipe.schemas.ObjectMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the configured buckets' Parquet inventories on a schedule and stores each as an object of its destination
 * bucket, through the same uploader as a PUT (Kafka, archiver, catalog: the file is an object like any other). The
 * export streams from PostgreSQL into a temporary file, which the upload streams from: nothing is held in memory.
 * One thread, "inventory-export"; a failed run is logged and retried at the next interval.
 */
final class ScheduledInventory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScheduledInventory.class);
    private static final String CONTENT_TYPE = "application/vnd.apache.parquet";
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    private final InventoryExport export;
    private final ObjectUploader uploader;
    private final InventoryConfig.Values config;
    private final Clock clock;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "inventory-export"));

    private ScheduledInventory(Jdbi catalog, ObjectUploader uploader, InventoryConfig.Values config, Clock clock) {
        this.export = new InventoryExport(catalog);
        this.uploader = uploader;
        this.config = config;
        this.clock = clock;
    }

    /** Starts the schedule; with no target configured, nothing runs. */
    static ScheduledInventory start(Jdbi catalog, ObjectUploader uploader, InventoryConfig.Values config,
            Clock clock) {
        var inventory = new ScheduledInventory(catalog, uploader, config, clock);
        if (!config.targets().isEmpty()) {
            long intervalMs = config.interval().toMillis();
            inventory.scheduler.scheduleWithFixedDelay(inventory::runAll, intervalMs, intervalMs,
                    TimeUnit.MILLISECONDS);
            log.info("scheduled inventory started targets={} interval={}", config.targets(), config.interval());
        }
        return inventory;
    }

    private void runAll() {
        for (InventoryConfig.Target target : config.targets()) {
            try {
                String key = runOnce(target);
                log.info("inventory stored source={} destination={} key={}", target.source(), target.destination(),
                        key);
            } catch (IOException | RuntimeException e) {
                // an exception escaping would cancel every later run: this target is tried again next interval
                log.warn("inventory failed source={} destination={}", target.source(), target.destination(), e);
            }
        }
    }

    /** Exports one source bucket and stores the file in its destination; returns the object's key. */
    String runOnce(InventoryConfig.Target target) throws IOException {
        Path file = Files.createTempFile("blobpipe-inventory-", ".parquet");
        try {
            export.write(target.source(), "", file);
            String key = config.prefix() + target.source() + "/" + FILE_TIME.format(clock.instant()) + ".parquet";
            var metadata = new ObjectMetadata(CONTENT_TYPE, null, null, null, null, Map.of(), Map.of());
            var request = new UploadRequest(target.destination(), key, Files.size(file), metadata, null, null, null,
                    null);
            try (var body = new PlainBody(Files.newInputStream(file))) {
                uploader.upload(request, body);
            }
            return key;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Stops the schedule after a run in progress; safe to call twice. */
    @Override
    public void close() throws InterruptedException {
        scheduler.shutdown();
        if (!scheduler.awaitTermination(1, TimeUnit.MINUTES)) {
            scheduler.shutdownNow();
        }
    }
}
