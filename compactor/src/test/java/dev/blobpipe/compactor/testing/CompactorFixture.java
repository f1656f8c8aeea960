package dev.blobpipe.compactor.testing;

import dev.blobpipe.blobstore.fs.FilesystemBlobStore;
import dev.blobpipe.catalog.EventIndexer;
import dev.blobpipe.catalog.PostgresCatalog;
import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.catalog.testing.Events;
import dev.blobpipe.catalog.testing.EventsTopic;
import dev.blobpipe.compactor.Compactor;
import dev.blobpipe.compactor.CompactorConfig;
import dev.blobpipe.embedded.testing.MutableClock;
import dev.blobpipe.embedded.testing.SharedKafka;
import dev.blobpipe.embedded.testing.TempDirs;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a compactor test needs, fresh per test: a catalog on its own database, a filesystem blob store in a
 * temporary directory, an events topic of its own on the shared broker, a clock the test moves, and compactors on
 * all of them (closed with the fixture).
 */
public final class CompactorFixture implements AutoCloseable {
    /** The size of every blob the fixture writes: Events' locations are all 11 bytes long. */
    public static final int BLOB_BYTES = 11;

    private final CatalogFixture catalog = CatalogFixture.fresh();
    private final EventsTopic events = EventsTopic.create(1);
    private final MutableClock clock = new MutableClock(Instant.now());
    private final Path blobRoot;
    private final FilesystemBlobStore blobs;
    private final List<AutoCloseable> owned = new ArrayList<>();

    public CompactorFixture() {
        try {
            blobRoot = Files.createTempDirectory("blobpipe-compactor-test-");
            blobs = new FilesystemBlobStore(blobRoot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CatalogFixture catalogFixture() {
        return catalog;
    }

    public PostgresCatalog catalog() {
        return catalog.catalog();
    }

    public EventsTopic events() {
        return events;
    }

    public Path blobRoot() {
        return blobRoot;
    }

    public MutableClock clock() {
        return clock;
    }

    /** A compactor with default settings on this fixture's catalog, blobs, topic and clock. */
    public Compactor compactor() {
        return compactor(CompactorConfig.defaults());
    }

    public Compactor compactor(CompactorConfig config) {
        var compactor = new Compactor(catalog.database(), blobs, SharedKafka.bootstrapServers(), events.name(),
                config, clock);
        owned.add(compactor);
        return compactor;
    }

    /** Registers a compactor a test built itself (e.g. with a failing move publisher), to be closed with the fixture. */
    public <T extends AutoCloseable> T own(T compactor) {
        owned.add(compactor);
        return compactor;
    }

    public String bootstrapServers() {
        return SharedKafka.bootstrapServers();
    }

    /** Starts a real indexer applying this fixture's events topic to its catalog. */
    public void startIndexer() {
        var settings = new EventIndexer.Settings(SharedKafka.bootstrapServers(), events.name(),
                "indexer-" + events.name(), "1", Duration.ofMillis(100), Duration.ofSeconds(1));
        var indexer = new EventIndexer(catalog.database(), settings);
        owned.add(indexer);
        indexer.start();
    }

    /** Applies events straight to the catalog, as the indexer would, and writes the blob of each one that has bytes. */
    public void apply(ObjectEvent... applied) {
        for (ObjectEvent event : applied) {
            if (event instanceof ObjectEvent.ObjectCommitted committed) {
                writeBlob(committed.location());
            }
        }
        catalog.apply(applied);
    }

    /** Applies one upload as {@link #apply} does and returns it. */
    public ObjectEvent.ObjectCommitted applied(ObjectEvent.ObjectCommitted committed) {
        apply(committed);
        return committed;
    }

    /** Moves the recorded time of {@code version}'s dead rows back by {@code age}, as if it had died that long ago. */
    public void backdateDeadRows(VersionId version, Duration age) {
        int moved = catalog.database().jdbi().withHandle(handle -> handle.createUpdate(
                        "UPDATE dead_blobs SET recorded_at = recorded_at - CAST(:age AS interval) WHERE version_id = :version")
                .bind("age", age.toSeconds() + " seconds")
                .bind("version", version.toString())
                .execute());
        if (moved == 0) {
            throw new IllegalStateException("no dead row of version " + version);
        }
    }

    /** Writes {@link #BLOB_BYTES} bytes at the location's blob. */
    public void writeBlob(ObjectLocation location) {
        try {
            Path path = blobRoot.resolve(location.blobName());
            Files.createDirectories(path.getParent());
            Files.write(path, "hello world".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FilesystemBlobStore blobs() {
        return blobs;
    }

    /** Sets the blob's modification time to {@code age} before the fixture's clock, as if nobody wrote it since. */
    public void makeQuiet(String blobName, Duration age) {
        try {
            Files.setLastModifiedTime(blobRoot.resolve(blobName), FileTime.from(clock.instant().minus(age)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every byte at {@code location}. */
    public byte[] read(ObjectLocation location) {
        try (InputStream in = blobs.openRead(location.blobName(), location.offset(), location.lengthBytes())) {
            return in.readAllBytes(); // test payloads are a few KiB
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String blobName) {
        return Files.exists(blobRoot.resolve(blobName));
    }

    public boolean blobExists(ObjectEvent.ObjectCommitted event) {
        return Files.exists(blobRoot.resolve(event.location().blobName()));
    }

    /** An upload started at {@code initiatedAt} (Events' uploads start at their version's time, long ago). */
    public static ObjectEvent.MultipartStarted startedAt(String bucket, String key, UploadId upload, Instant initiatedAt) {
        VersionId version = Events.nextVersion();
        return new ObjectEvent.MultipartStarted(upload, bucket, key, version, initiatedAt,
                Events.started(bucket, key, upload, version).metadata());
    }

    @Override
    public void close() throws Exception {
        for (int index = owned.size() - 1; index >= 0; index--) {
            owned.get(index).close();
        }
        events.close();
        catalog.close();
        blobs.close();
        TempDirs.deleteQuietly(blobRoot);
    }
}
