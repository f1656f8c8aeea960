package dev.blobpipe.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server under test in a JVM of its own, with its output in files of its work directory. Closing sends SIGTERM
 * (servers stop cleanly on it), waits, then kills.
 */
final class ChildJvm implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildJvm(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code java HEAP... jvmArguments...} with the same java as this JVM; {@code heap} is space-separated. */
    static ChildJvm start(String name, Path workDir, String heap, List<String> jvmArguments) throws IOException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(heap.trim().split("\\s+")));
        command.addAll(jvmArguments);
        Path stdout = workDir.resolve(name + ".out");
        Path stderr = workDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        return new ChildJvm(name, process, stdout, stderr);
    }

    /** A TCP port free a moment ago: good enough for a benchmark on its own machine. */
    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits until a line of its standard output starts with {@code prefix}. */
    void awaitOutput(String prefix, Duration timeout) throws IOException {
        await("a line starting with '" + prefix + "'", timeout, () -> {
            try {
                return Files.readAllLines(stdout).stream().anyMatch(line -> line.startsWith(prefix));
            } catch (IOException e) {
                return false; // not written yet
            }
        });
    }

    /** Waits until its port accepts connections. */
    void awaitPort(int port, Duration timeout) throws IOException {
        await("port " + port + " accepting", timeout, () -> {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return true;
            } catch (IOException e) {
                return false; // not listening yet
            }
        });
    }

    private void await(String what, Duration timeout, BooleanSupplier ready) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String log = Files.exists(stderr) ? Files.readString(stderr) : "";
                throw new IOException(name + " did not start (" + what + "); its log ends:\n"
                        + log.substring(Math.max(0, log.length() - 4000)));
            }
            try {
                Thread.sleep(100); // polling a child process: nothing to be notified by
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + name, e);
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println(name + " did not stop on SIGTERM within " + STOP_TIMEOUT + "; killing it");
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
