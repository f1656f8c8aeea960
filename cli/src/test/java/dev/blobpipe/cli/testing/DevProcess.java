package dev.blobpipe.cli.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code blobpipe dev} in a JVM of its own, as a user runs it, so tests can kill -9 it and start it again on the same
 * data directory. Its log goes to {@code dev-N.log} beside the data directory.
 */
public final class DevProcess implements AutoCloseable {
    private static int starts;
    private final Process process;
    private final URI endpoint;

    private DevProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts {@code blobpipe dev} with {@code -Xmx256m} and waits for its {@code endpoint} line. */
    public static DevProcess start(Path dataDir, int port, String accessKey, String secretKey) throws IOException {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-dev-" + (++starts) + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "dev.blobpipe.cli.Main", "dev",
                "--data-dir", dataDir.toString(),
                "--port", Integer.toString(port),
                "--access-key", accessKey,
                "--secret-key", secretKey));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        CompletableFuture<URI> endpoint = CompletableFuture.supplyAsync(() -> readEndpoint(process));
        try {
            return new DevProcess(process, endpoint.get(180, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while waiting for blobpipe dev", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("blobpipe dev did not print its endpoint; see " + log, e);
        }
    }

    private static URI readEndpoint(Process process) {
        try {
            var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("endpoint ")) {
                    URI endpoint = URI.create(line.substring("endpoint ".length()).trim());
                    // keep draining stdout so the child never blocks on a full pipe
                    Thread drain = new Thread(() -> reader.lines().forEach(ignored -> { }), "dev-stdout-drain");
                    drain.setDaemon(true);
                    drain.start();
                    return endpoint;
                }
            }
            throw new IllegalStateException("blobpipe dev exited with " + process.waitFor());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** kill -9: no shutdown hook runs, the embedded PostgreSQL's postmaster outlives us. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** SIGTERM, and the exit code once it stopped. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("blobpipe dev did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate(Duration.ofSeconds(60));
        }
    }
}
