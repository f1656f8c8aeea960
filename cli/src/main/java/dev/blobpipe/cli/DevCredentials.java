package dev.blobpipe.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * The key pair `blobpipe dev` serves: from flags, else from BLOBPIPE_ACCESS_KEY/BLOBPIPE_SECRET_KEY, else the pair
 * kept in the data directory, generated on the first start so that a restart keeps working with the same client
 * configuration.
 */
record DevCredentials(String accessKey, String secretKey) {
    static final String FILE_NAME = "credentials.properties";
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET_CHARS = UPPER_ALNUM + "abcdefghijklmnopqrstuvwxyz+/";

    DevCredentials {
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("access key and secret key must both be set");
        }
    }

    static DevCredentials resolve(String flagAccess, String flagSecret, Path dataDir) throws IOException {
        DevCredentials found = existing(flagAccess, flagSecret, dataDir);
        if (found != null) {
            return found;
        }
        var generated = new DevCredentials(random(UPPER_ALNUM, 20), random(SECRET_CHARS, 40));
        generated.store(dataDir.resolve(FILE_NAME));
        return generated;
    }

    /**
     * The key pair from flags, environment or the data directory, in that order, as {@link #resolve} finds it; null
     * when there is none (a client must not generate one).
     */
    static DevCredentials existing(String flagAccess, String flagSecret, Path dataDir) throws IOException {
        if (flagAccess != null || flagSecret != null) {
            return new DevCredentials(flagAccess, flagSecret);
        }
        String envAccess = System.getenv("BLOBPIPE_ACCESS_KEY");
        String envSecret = System.getenv("BLOBPIPE_SECRET_KEY");
        if (envAccess != null || envSecret != null) {
            return new DevCredentials(envAccess, envSecret);
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            var properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
            return new DevCredentials(properties.getProperty("access.key"), properties.getProperty("secret.key"));
        }
        return null;
    }

    private void store(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        var properties = new Properties();
        properties.setProperty("access.key", accessKey);
        properties.setProperty("secret.key", secretKey);
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            properties.store(out, "blobpipe dev credentials");
        }
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String random(String alphabet, int length) {
        var random = new SecureRandom();
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
