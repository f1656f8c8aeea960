package dev.blobpipe.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running inside this JVM.
 *
 * <p>All state lives under the data directory given to {@link #start(Path)}: starting again on the same directory
 * keeps topics, records, committed offsets and transaction state. The directory is formatted only once, so the
 * cluster id survives restarts; the ports are picked afresh at each start.
 *
 * <p>Sized for a small heap (the broker shares it with the rest of the process): one log cleaner thread with a
 * small dedupe buffer, two network and two I/O threads.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "127.0.0.1";
    /** Chunks are 1 MiB of payload plus key and headers; Kafka's 1 MiB default would refuse them. */
    private static final int MESSAGE_MAX_BYTES = 2 * 1024 * 1024;

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path dataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
    }

    /** Formats {@code dataDir} if it is new, then starts the broker on free loopback ports. */
    public static EmbeddedKafka start(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path absolute = dataDir.toAbsolutePath();
        Path logDir = absolute.resolve("logs");
        Path metadataDir = absolute.resolve("metadata");
        try {
            Files.createDirectories(logDir);
            Files.createDirectories(metadataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data dir " + absolute, e);
        }
        int[] ports = freePorts(2);
        int brokerPort = ports[0];
        int controllerPort = ports[1];
        Properties props = brokerProperties(logDir, metadataDir, brokerPort, controllerPort);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        format(logDir, metadataDir);

        long startNanos = System.nanoTime();
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(server, e);
            throw e;
        }
        String bootstrap = HOST + ":" + brokerPort;
        log.info("embedded kafka started bootstrap={} controllerPort={} dir={} startMs={}",
                bootstrap, controllerPort, absolute, (System.nanoTime() - startNanos) / 1_000_000);
        return new EmbeddedKafka(server, bootstrap, absolute);
    }

    /** {@code host:port} of the PLAINTEXT listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker and waits for it; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        log.info("embedded kafka stopped dir={}", dataDir);
    }

    private static Properties brokerProperties(Path logDir, Path metadataDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort
                + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("metadata.log.dir", metadataDir.toString());

        // A single node: every internal topic has exactly one replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // After a kill -9 the restarted controller keeps the dead incarnation's registration until its session times
        // out and refuses the new one meanwhile: Kafka's 9 s default would add 9 s to every restart after a crash.
        // Heartbeats stay in this process, so a short session costs nothing.
        p.setProperty("broker.heartbeat.interval.ms", "500");
        p.setProperty("broker.session.timeout.ms", "3000");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("message.max.bytes", Integer.toString(MESSAGE_MAX_BYTES));
        p.setProperty("replica.fetch.max.bytes", Integer.toString(MESSAGE_MAX_BYTES));

        // Memory: the broker shares a small heap with the rest of the process (DESIGN.md, Known traps).
        p.setProperty("log.cleaner.threads", "1");
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        p.setProperty("log.cleaner.io.buffer.size", Integer.toString(512 * 1024));
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("background.threads", "2");
        p.setProperty("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        // Disk: the archiver deletes archived chunks (deleteRecords), but segments below the log start offset only
        // go at the next retention check (default every 5 minutes) plus log.segment.delete.delay.ms (60 s); a long
        // upload would otherwise keep gigabytes of archived chunks on disk.
        p.setProperty("log.retention.check.interval.ms", "5000");
        p.setProperty("log.segment.delete.delay.ms", "1000");
        // Bound what requests waiting for an I/O thread can hold on the heap (Kafka's default is unbounded).
        p.setProperty("socket.request.max.bytes", Integer.toString(16 * 1024 * 1024));
        p.setProperty("queued.max.request.bytes", Integer.toString(32 * 1024 * 1024));
        return p;
    }

    /**
     * Formats the directories unless they already are. The cluster id of an earlier format is reused, so a start
     * that crashed between formatting the two directories is completed rather than refused for mismatched ids.
     */
    private static void format(Path logDir, Path metadataDir) {
        String clusterId = existingClusterId(metadataDir)
                .or(() -> existingClusterId(logDir))
                .orElseGet(() -> Uuid.randomUuid().toString());
        // a few lines of text from the formatter, logged at DEBUG instead of going to stdout
        ByteArrayOutputStream formatterOutput = new ByteArrayOutputStream();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(formatterOutput, true, StandardCharsets.UTF_8))
                .setNodeId(NODE_ID)
                .setClusterId(clusterId)
                .setDirectories(List.of(logDir.toString(), metadataDir.toString()))
                .setMetadataLogDirectory(metadataDir.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setIgnoreFormatted(true);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka data dirs " + logDir + ", " + metadataDir, e);
        }
        log.debug("kafka storage format clusterId={} output={}", clusterId,
                formatterOutput.toString(StandardCharsets.UTF_8).strip());
    }

    private static Optional<String> existingClusterId(Path dir) {
        Path metaProperties = dir.resolve("meta.properties");
        if (!Files.isRegularFile(metaProperties)) {
            return Optional.empty();
        }
        Properties meta = new Properties();
        try (Reader reader = Files.newBufferedReader(metaProperties, StandardCharsets.UTF_8)) {
            meta.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metaProperties, e);
        }
        return Optional.ofNullable(meta.getProperty("cluster.id"));
    }

    /**
     * Ports free right now, distinct because all are held open together. Another process could take one before the
     * broker binds; on loopback in one developer process that race is rare, and the bind then fails loudly.
     */
    private static int[] freePorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                closeQuietly(socket);
            }
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // a probe socket that fails to close only leaks until GC; its port is still reported correctly
        }
    }

    private static void shutdownQuietly(KafkaRaftServer server, RuntimeException cause) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
