package dev.blobpipe.cli;

import dev.blobpipe.archiver.Archiver;
import dev.blobpipe.archiver.ArchiverConfig;
import dev.blobpipe.blobstore.fs.FilesystemBlobStore;
import dev.blobpipe.catalog.CatalogConfig;
import dev.blobpipe.catalog.CatalogDatabase;
import dev.blobpipe.catalog.EventIndexer;
import dev.blobpipe.catalog.PostgresCatalog;
import dev.blobpipe.catalog.PostgresVisibilityWaiter;
import dev.blobpipe.compactor.Compactor;
import dev.blobpipe.compactor.CompactorConfig;
import dev.blobpipe.embedded.EmbeddedKafka;
import dev.blobpipe.embedded.EmbeddedPostgres;
import dev.blobpipe.ingest.IngestConfig;
import dev.blobpipe.ingest.admin.AdminQueries;
import dev.blobpipe.ingest.admin.LiveStatsSource;
import dev.blobpipe.ingest.auth.CredentialStore;
import dev.blobpipe.ingest.auth.SigV4Verifier;
import dev.blobpipe.ingest.s3.S3Server;
import dev.blobpipe.ingest.upload.EventPublisher;
import dev.blobpipe.ingest.upload.InflightBudget;
import dev.blobpipe.ingest.upload.IngestProducer;
import dev.blobpipe.ingest.upload.ObjectUploader;
import dev.blobpipe.ingest.upload.UploadConfig;
import dev.blobpipe.schemas.VersionClock;
import dev.blobpipe.schemas.config.ConfigException;
import dev.blobpipe.schemas.config.ConfigValues;
import dev.blobpipe.stats.LiveStats;
import dev.blobpipe.stats.StatsConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every role of blobpipe in one process on embedded infrastructure, under one data directory: PostgreSQL in
 * {@code postgres/}, the Kafka broker in {@code kafka/}, blobs in {@code blobs/}, live stats state in {@code stats/}.
 * Started bottom-up, closed in reverse.
 */
public final class DevSystem implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DevSystem.class);
    private static final String DATABASE = "blobpipe";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private URI endpoint;
    private String kafkaBootstrapServers;
    private boolean closed;

    private DevSystem() {
    }

    /** Starts everything; {@code settings} must have passed {@link Settings#validated}. */
    public static DevSystem start(Path dataDir, String accessKey, String secretKey, ConfigValues settings)
            throws IOException {
        if (settings.get(CatalogConfig.JDBC_URL) != null) {
            throw new ConfigException("catalog.jdbc.url cannot be set for dev: dev runs its own PostgreSQL");
        }
        var system = new DevSystem();
        try {
            system.startAll(dataDir, accessKey, secretKey, settings);
            return system;
        } catch (IOException | RuntimeException e) {
            system.close();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            system.close();
            throw new IOException("interrupted while starting", e);
        }
    }

    private void startAll(Path dataDir, String accessKey, String secretKey, ConfigValues settings)
            throws IOException, InterruptedException {
        Clock clock = Clock.systemUTC();
        DevConfig.Values dev = DevConfig.from(settings);

        EmbeddedPostgres postgres = own(EmbeddedPostgres.start(dataDir.resolve("postgres")));
        postgres.createDatabaseIfMissing(DATABASE);
        EmbeddedKafka kafka = own(EmbeddedKafka.start(dataDir.resolve("kafka")));
        String bootstrap = kafka.bootstrapServers();
        kafkaBootstrapServers = bootstrap;
        TopicSetup.ensure(bootstrap, dev.chunkPartitions(), (short) 1);

        CatalogConfig.Values catalogConfig = CatalogConfig.Values.from(
                settings.with(CatalogConfig.JDBC_URL.name(), postgres.jdbcUrl(DATABASE)));
        CatalogDatabase database = own(CatalogDatabase.open(catalogConfig));
        var catalog = new PostgresCatalog(database);
        PostgresVisibilityWaiter visibility = own(new PostgresVisibilityWaiter(database, catalogConfig.retryBackoffMax()));
        EventIndexer indexer = own(new EventIndexer(database, EventIndexer.Settings.of(bootstrap, catalogConfig)));
        indexer.start();

        FilesystemBlobStore blobs = own(new FilesystemBlobStore(dataDir.resolve("blobs")));
        Archiver archiver = own(new Archiver(bootstrap, blobs, ArchiverConfig.from(settings), clock));
        archiver.start();
        Compactor compactor = own(new Compactor(database, blobs, bootstrap, CompactorConfig.from(settings), clock));
        compactor.start();

        UploadConfig.Values upload = UploadConfig.from(settings);
        Producer<byte[], byte[]> producer = own(IngestProducer.create(bootstrap, upload));
        var versions = new VersionClock(clock, upload.nodeId());
        var uploader = new ObjectUploader(producer, catalog, visibility, versions, InflightBudget.of(upload), upload,
                clock);
        var events = new EventPublisher(producer, visibility, upload);
        var verifier = new SigV4Verifier(CredentialStore.single(accessKey, secretKey), clock);
        StatsConfig statsConfig = StatsConfig.from(settings, dataDir.resolve("stats"));
        LiveStatsSource live = null;
        if (statsConfig.enabled()) {
            live = new LiveStatsBridge(own(LiveStats.start(bootstrap, statsConfig, clock)));
        }
        S3Server server = own(S3Server.start(IngestConfig.from(settings), catalog, blobs, verifier, uploader, events,
                versions, clock, AdminQueries.on(database.jdbi(), live)));
        endpoint = server.endpoint();
        new DevRuntime(catalogConfig.jdbcUrl(), bootstrap, dataDir.resolve("blobs"), endpoint).write(dataDir);
        log.info("blobpipe dev started endpoint={} dataDir={}", endpoint, dataDir);
    }

    private <T extends AutoCloseable> T own(T component) {
        started.push(component);
        return component;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The in-process broker's address, for tools and tests that look at the topics. */
    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** Stops every role in reverse start order; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                // keep closing the rest: a half-stopped system would leave PostgreSQL or the broker running
                log.warn("stopping {} failed", component.getClass().getSimpleName(), e);
            }
        }
        log.info("blobpipe dev stopped");
    }
}
