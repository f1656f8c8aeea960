package dev.blobpipe.embedded.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.blobpipe.embedded.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;

/**
 * One embedded Kafka broker per test JVM, started on first use in a temporary directory and stopped by a shutdown
 * hook. Tests share the broker, never a topic: each takes its own from {@link #uniqueTopic(String)}.
 */
public final class SharedKafka {

    private SharedKafka() {
    }

    /** {@code bootstrap.servers} of the shared broker, starting it if needed. */
    public static String bootstrapServers() {
        return Holder.KAFKA.bootstrapServers();
    }

    /** A topic name no other test uses: {@code prefix} plus a random suffix (legal topic characters only). */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    /** Creates {@code name} on the shared broker and waits until it exists; fails after 30 s. */
    public static void createTopic(String name, int partitions, Map<String, String> configs) {
        TopicAdmin.createTopic(bootstrapServers(), name, partitions, configs);
    }

    /** A new Admin client on the shared broker; the caller closes it. */
    public static Admin admin() {
        return TopicAdmin.admin(bootstrapServers());
    }

    /** Lazy holder: the broker starts when a test first asks for it, once per JVM. */
    private static final class Holder {
        static final EmbeddedKafka KAFKA = startShared();

        private static EmbeddedKafka startShared() {
            Path dir;
            try {
                dir = Files.createTempDirectory("blobpipe-test-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temp dir for the shared broker", e);
            }
            EmbeddedKafka kafka = EmbeddedKafka.start(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.close();
                TempDirs.deleteQuietly(dir);
            }, "shared-kafka-stop"));
            return kafka;
        }
    }
}
