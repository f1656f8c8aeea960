package dev.blobpipe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.schemas.config.ConfigException;
import dev.blobpipe.schemas.config.ConfigValues;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    @Test
    void defaultsServeLocalhostOnPort9000() {
        var values = IngestConfig.from(ConfigValues.empty());

        assertThat(values.host()).isEqualTo("127.0.0.1");
        assertThat(values.port()).isEqualTo(9000);
        assertThat(values.httpThreads()).isEqualTo(100);
        assertThat(values.region()).isEqualTo("us-east-1");
        assertThat(values.virtualHostDomains()).containsExactly("localhost");
        assertThat(values.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void virtualHostDomainsAreAListAndMayBeEmpty() {
        assertThat(IngestConfig.from(ConfigValues.empty().with("ingest.virtual.host.domains", " S3.Example.com, ,lan "))
                .virtualHostDomains()).isEqualTo(List.of("s3.example.com", "lan"));
        assertThat(IngestConfig.from(ConfigValues.empty().with("ingest.virtual.host.domains", ""))
                .virtualHostDomains()).isEmpty();
    }

    @Test
    void durableAckBucketsAreNoneByDefaultAndAListOfBucketNames() {
        assertThat(IngestConfig.from(ConfigValues.empty()).durableAckBuckets()).isEmpty();
        assertThat(IngestConfig.from(ConfigValues.empty().with("ingest.ack.durable.buckets", " logs, ,metrics.raw "))
                .durableAckBuckets()).containsExactlyInAnyOrder("logs", "metrics.raw");
        assertThatThrownBy(() -> IngestConfig.from(ConfigValues.empty().with("ingest.ack.durable.buckets", "Logs")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.ack.durable.buckets");
    }

    @Test
    void outOfRangePortNamesTheKey() {
        assertThatThrownBy(() -> IngestConfig.from(ConfigValues.empty().with("ingest.port", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.port");
    }

    @Test
    void everyKeyIsDeclaredWithADoc() {
        assertThat(IngestConfig.keys()).allSatisfy(key -> {
            assertThat(key.name()).startsWith("ingest.");
            assertThat(key.doc()).isNotBlank();
        });
    }
}
