package dev.blobpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI smoke of bench/compare.sh: the whole driver at a few seconds' scale against blobpipe dev, S3Proxy and the
 * null server, each in its own JVM as in a real run, with both clients (the SDK's, and the light presigned-URL one on
 * the small-object steps, which makes it the check that every server accepts presigned PUTs and GETs). It asserts that
 * it completes, not what the figures are.
 */
class CompareBenchSmokeTest {
    private static final List<String> SERVERS = List.of("blobpipe", "s3proxy", "null");
    private static final List<String> ROWS = List.of("put-large", "put-multipart", "put-small", "put-small (light)",
            "get-large", "get-small", "get-small (light)", "list", "mixed", "mixed (light)");

    @Test
    void everyServerCompletesEveryWorkloadWithoutErrors(@TempDir Path results) throws Exception {
        String classpath = System.getProperty("bench.classpath");
        String s3proxyClasspath = Files.readString(Path.of(System.getProperty("s3proxy.classpath.file"))).trim();
        Path cliJar = Path.of(System.getProperty("blobpipe.cli.jar"));
        assertThat(cliJar).as("cli's jar: run mvn verify, which packages it first").exists();

        List<Measurement> measurements = CompareBench.run(Map.of("smoke", "true", "results", results.toString(),
                "blobpipe-classpath", cliJar.toString(), "bench-classpath", classpath,
                "s3proxy-classpath", s3proxyClasspath), Map.of());

        assertThat(measurements).allSatisfy(m -> {
            assertThat(m.errors()).as(m.server() + " " + m.workload() + " errors").isZero();
            assertThat(m.opsPerSecond()).as(m.server() + " " + m.workload()).isPositive();
        });
        for (String server : SERVERS) {
            assertThat(measurements.stream().filter(m -> m.server().equals(server)).map(Measurement::row))
                    .as("workloads run against " + server).containsExactlyElementsOf(ROWS);
            assertThat(measurements.stream().filter(m -> m.server().equals(server))
                    .mapToDouble(Measurement::serverCpuSeconds).sum()).as(server + "'s CPU seconds").isPositive();
        }
        assertThat(measurements).allSatisfy(m -> assertThat(m.clientCpuSeconds())
                .as(m.server() + " " + m.row() + " client CPU seconds").isNotNegative());
        assertThat(results.resolve("latest.json")).content().contains("\"server\": \"s3proxy\"")
                .contains("\"row\": \"get-small (light)\"");
        assertThat(results.resolve("latest.svg")).content().startsWith("<svg");
    }
}
