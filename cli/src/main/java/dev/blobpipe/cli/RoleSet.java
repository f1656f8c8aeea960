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
import dev.blobpipe.ingest.IngestConfig;
import dev.blobpipe.ingest.admin.AdminQueries;
import dev.blobpipe.ingest.admin.HealthCheck;
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
import dev.blobpipe.schemas.config.ConfigValues;
import dev.blobpipe.stats.LiveStats;
import dev.blobpipe.stats.StatsConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Some or all of blobpipe's roles in this process, on infrastructure someone else runs (dev's embedded broker and
 * PostgreSQL, or serve's cluster): the one place the roles are wired, so that dev and serve start them alike. The
 * topics must exist. Started bottom-up (database, indexer, archiver, compactor, then the S3 API), closed in reverse.
 * Each role started gets its health check ({@link RoleHealth}), which the S3 API's {@code /admin/health} asks.
 */
final class RoleSet implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoleSet.class);

    /**
     * Where the roles find what they share: the Kafka cluster, the blob root (null if no role needs blobs) and the
     * default state directory of the live stats (stats.state.dir overrides it).
     */
    record Infrastructure(String kafkaBootstrapServers, Path blobRoot, Path defaultStatsDir) {
        Infrastructure {
            Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
            Objects.requireNonNull(defaultStatsDir, "defaultStatsDir");
        }
    }

    private final StartedComponents started = new StartedComponents();
    private final List<HealthCheck> health = new ArrayList<>();
    private final Set<Role> roles;
    private URI endpoint;
    private boolean closed;

    private RoleSet(Set<Role> roles) {
        this.roles = EnumSet.copyOf(roles);
    }

    /**
     * Starts {@code roles}; {@code settings} must have passed {@link Settings#validated} and name the catalog's
     * database when a role needs it; {@code credentials} serve ingest-api and may be null without it.
     */
    static RoleSet start(Set<Role> roles, Infrastructure infrastructure, CredentialStore credentials,
            ConfigValues settings) throws IOException {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("no roles to start");
        }
        if (roles.contains(Role.INGEST_API)) {
            Objects.requireNonNull(credentials, "credentials");
        }
        var set = new RoleSet(roles);
        try {
            set.startAll(infrastructure, credentials, settings);
            return set;
        } catch (IOException | RuntimeException e) {
            set.close();
            throw e;
        }
    }

    private void startAll(Infrastructure infrastructure, CredentialStore credentials, ConfigValues settings)
            throws IOException {
        Clock clock = Clock.systemUTC();
        String bootstrap = infrastructure.kafkaBootstrapServers();

        CatalogConfig.Values catalogConfig = null;
        CatalogDatabase database = null;
        PostgresVisibilityWaiter visibility = null;
        if (roles.stream().anyMatch(Role::needsCatalogDatabase)) {
            catalogConfig = CatalogConfig.Values.from(settings);
            database = own(CatalogDatabase.open(catalogConfig));
        }
        if (roles.contains(Role.INGEST_API)) {
            visibility = own(new PostgresVisibilityWaiter(database, catalogConfig.retryBackoffMax()));
        }
        if (roles.contains(Role.CATALOG)) {
            EventIndexer indexer = own(new EventIndexer(database, EventIndexer.Settings.of(bootstrap, catalogConfig)));
            indexer.start();
            health.add(RoleHealth.catalog(indexer));
        }

        FilesystemBlobStore blobs = null;
        if (roles.stream().anyMatch(Role::needsBlobs)) {
            blobs = own(new FilesystemBlobStore(Objects.requireNonNull(infrastructure.blobRoot(), "blobRoot")));
        }
        if (roles.contains(Role.ARCHIVER)) {
            Archiver archiver = own(new Archiver(bootstrap, blobs, ArchiverConfig.from(settings), clock));
            archiver.start();
            health.add(RoleHealth.archiver(archiver));
        }
        if (roles.contains(Role.COMPACTOR)) {
            Compactor compactor = own(new Compactor(database, blobs, bootstrap, CompactorConfig.from(settings),
                    clock));
            compactor.start();
            health.add(RoleHealth.compactor(compactor));
        }

        LiveStatsSource live = null;
        if (roles.contains(Role.STATS)) {
            StatsConfig statsConfig = StatsConfig.from(settings, infrastructure.defaultStatsDir());
            if (statsConfig.enabled()) {
                LiveStats stats = own(LiveStats.start(bootstrap, statsConfig, clock));
                live = new LiveStatsBridge(stats);
                health.add(RoleHealth.stats(stats));
            } else {
                log.info("live stats not started stats.enabled=false");
            }
        }
        if (roles.contains(Role.INGEST_API)) {
            UploadConfig.Values upload = UploadConfig.from(settings);
            Producer<byte[], byte[]> producer = own(IngestProducer.create(bootstrap, upload));
            var versions = new VersionClock(clock, upload.nodeId());
            var catalog = new PostgresCatalog(database);
            var uploader = new ObjectUploader(producer, catalog, visibility, versions, InflightBudget.of(upload),
                    upload, clock);
            own(ScheduledInventory.start(database.jdbi(), uploader, InventoryConfig.from(settings), clock));
            var events = new EventPublisher(producer, visibility, upload);
            var verifier = new SigV4Verifier(credentials, clock);
            // without a stats role in this process, /admin/stats/live answers that the live stats are unavailable
            S3Server server = own(S3Server.start(IngestConfig.from(settings), catalog, blobs, verifier, uploader,
                    events, versions, clock, AdminQueries.on(database.jdbi(), live), health));
            endpoint = server.endpoint();
        }
        log.info("roles started roles={}", Role.labels(roles));
    }

    private <T extends AutoCloseable> T own(T component) {
        return started.own(component);
    }

    Set<Role> roles() {
        return EnumSet.copyOf(roles);
    }

    /** The S3 API's address; null when ingest-api is not among the roles. */
    URI endpoint() {
        return endpoint;
    }

    /** One health check per role started, in start order: what {@code /admin/health} asks on any port. */
    List<HealthCheck> healthChecks() {
        return List.copyOf(health);
    }

    /** Stops every role in reverse start order; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        started.closeAll();
        log.info("roles stopped roles={}", Role.labels(roles));
    }
}
