package dev.blobpipe.cli.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the AWS CLI (and shell pipelines around it) against the fixture's system with the fixture's credentials and a
 * config file of the test's own, so no user profile changes what the CLI sends. Output goes to a file, so a hung
 * process is killed at the timeout instead of blocking a read forever.
 */
public final class AwsCli {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final BlobpipeFixture fixture;
    private final Path workDir;
    private final Path configFile;

    /** {@code config} is the text of the CLI's config file (profile "default"); empty for the CLI's defaults. */
    public AwsCli(BlobpipeFixture fixture, Path workDir, String config) throws IOException {
        this.fixture = fixture;
        this.workDir = workDir;
        this.configFile = workDir.resolve("aws-config-" + RUNS.incrementAndGet());
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
    }

    /** The aws command line for these arguments, endpoint first, quoted for bash. */
    public String shellCommand(String... arguments) {
        List<String> words = new ArrayList<>(List.of("aws", "--endpoint-url", fixture.endpoint().toString()));
        words.addAll(List.of(arguments));
        return String.join(" ", words.stream().map(AwsCli::quoted).toList());
    }

    /** Runs {@code aws --endpoint-url <system> arguments...}, which must exit 0 within the timeout; returns output. */
    public String aws(Duration timeout, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", fixture.endpoint().toString()));
        command.addAll(List.of(arguments));
        return run(command, timeout);
    }

    /** Runs a bash script (pipefail on) with the CLI's environment; it must exit 0 within the timeout. */
    public String bash(Duration timeout, String script) throws IOException, InterruptedException {
        return run(List.of("bash", "-c", "set -euo pipefail; " + script), timeout);
    }

    /** Runs any command with the CLI's environment; it must exit 0 within the timeout; returns stdout and stderr. */
    public String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path output = workDir.resolve("output-" + RUNS.incrementAndGet() + ".txt");
        var builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> environment = builder.environment();
        environment.put("AWS_ACCESS_KEY_ID", BlobpipeFixture.ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", BlobpipeFixture.SECRET_KEY);
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_CONFIG_FILE", configFile.toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", workDir.resolve("aws-credentials-absent").toString());
        environment.remove("AWS_PROFILE");
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("%s finished within %s; output so far:%n%s", command, timeout, text).isTrue();
        assertThat(process.exitValue()).as("%s exit code; output:%n%s", command, text).isZero();
        return text;
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
