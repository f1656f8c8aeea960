package dev.blobpipe.cli;

import dev.blobpipe.schemas.config.ConfigValues;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code blobpipe dev}: every role in one process on embedded defaults — an in-process Kafka broker, an embedded
 * PostgreSQL and the filesystem store, all under the data directory. Runs until SIGTERM/SIGINT, then stops cleanly.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Run blobpipe in one process on embedded Kafka, PostgreSQL and the filesystem store.",
        footer = {"", "Settings (--set KEY=VALUE): see `blobpipe settings`."})
final class DevCommand implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "./data", description = "Where Kafka, PostgreSQL and blobs live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "9000", description = "HTTP port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--access-key", description = "Access key id (else BLOBPIPE_ACCESS_KEY, else generated once and kept in the data dir).")
    String accessKey;

    @Option(names = "--secret-key", description = "Secret key (else BLOBPIPE_SECRET_KEY, else generated once and kept in the data dir).")
    String secretKey;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting; repeatable. Unknown keys are an error.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        var raw = new LinkedHashMap<>(settings);
        raw.putIfAbsent("ingest.port", Integer.toString(port));
        ConfigValues values = Settings.validated(raw);
        Path dir = dataDir.toAbsolutePath().normalize();
        DevCredentials credentials = DevCredentials.resolve(accessKey, secretKey, dir);
        DevSystem system = DevSystem.start(dir, credentials.accessKey(), credentials.secretKey(), values);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            system.close();
            stopped.countDown();
        }, "blobpipe-shutdown"));
        System.out.println("access key " + credentials.accessKey());
        System.out.println("secret key " + credentials.secretKey());
        System.out.println("data dir " + dir);
        // tests and scripts wait for this exact line: printed last, once every role is serving
        System.out.println("endpoint " + system.endpoint());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
