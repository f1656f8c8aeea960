package dev.blobpipe.cli;

import dev.blobpipe.ingest.auth.CredentialStore;
import dev.blobpipe.schemas.config.ConfigException;
import dev.blobpipe.schemas.config.ConfigValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code blobpipe serve --roles=…}: some or all roles in this process against a Kafka cluster, PostgreSQL and a shared
 * blob root run by someone else. Runs until SIGTERM/SIGINT, then stops the roles in reverse start order.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run some or all roles against an external Kafka cluster, PostgreSQL and blob root.",
        footer = {"", "Roles: ingest-api, catalog, archiver, compactor, stats.",
                "Needs serve.kafka.bootstrap.servers, catalog.jdbc.url (ingest-api, catalog, compactor) and"
                        + " serve.blobs.root (ingest-api, archiver, compactor).",
                "Settings (--set KEY=VALUE): see `blobpipe settings`."})
final class ServeCommand implements Callable<Integer> {
    static final String ACCESS_KEY_ENV = "BLOBPIPE_ACCESS_KEY";
    static final String SECRET_KEY_ENV = "BLOBPIPE_SECRET_KEY";

    @Option(names = "--roles", required = true, paramLabel = "ROLE[,ROLE…]",
            description = "Roles to run here, comma-separated: ingest-api, catalog, archiver, compactor, stats.")
    String roleList;

    @Option(names = "--access-key", description = "Access key id of ingest-api (else " + ACCESS_KEY_ENV + ").")
    String accessKey;

    @Option(names = "--secret-key", description = "Secret key of ingest-api (else " + SECRET_KEY_ENV + ").")
    String secretKey;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting; repeatable. Unknown keys are an error.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Set<Role> roles = Role.parseList(roleList);
        ConfigValues values = Settings.validated(new LinkedHashMap<>(settings));
        CredentialStore credentials = roles.contains(Role.INGEST_API) ? credentials() : null;
        ServeSystem system = ServeSystem.start(roles, credentials, values);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            system.close();
            stopped.countDown();
        }, "blobpipe-shutdown"));
        if (system.healthEndpoint() != null) {
            System.out.println("health " + system.healthEndpoint().resolve("/admin/health"));
        }
        // scripts wait for this line: printed last, once every role of this process is running
        if (system.endpoint() != null) {
            System.out.println("endpoint " + system.endpoint());
        } else {
            System.out.println("roles " + Role.labels(system.roles()) + " started");
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** Production keys come from the operator: serve never generates a pair, unlike dev. */
    private CredentialStore credentials() {
        String access = accessKey != null ? accessKey : System.getenv(ACCESS_KEY_ENV);
        String secret = secretKey != null ? secretKey : System.getenv(SECRET_KEY_ENV);
        if (access == null || access.isBlank() || secret == null || secret.isBlank()) {
            throw new ConfigException("ingest-api needs an access key and a secret key: give --access-key and"
                    + " --secret-key, or set " + ACCESS_KEY_ENV + " and " + SECRET_KEY_ENV
                    + " (serve generates none)");
        }
        return CredentialStore.single(access, secret);
    }
}
