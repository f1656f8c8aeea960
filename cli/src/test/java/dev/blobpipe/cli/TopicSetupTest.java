package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.embedded.EmbeddedKafka;
import dev.blobpipe.embedded.testing.TempDirs;
import dev.blobpipe.embedded.testing.TopicAdmin;
import dev.blobpipe.schemas.Topics;
import dev.blobpipe.schemas.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** blobpipe.events gets exactly one partition, and an older one with more is refused (a broker of its own per test). */
class TopicSetupTest {
    private Path dir;
    private EmbeddedKafka kafka;

    @BeforeEach
    void startBroker() throws Exception {
        dir = Files.createTempDirectory("blobpipe-topic-setup-");
        kafka = EmbeddedKafka.start(dir);
    }

    @AfterEach
    void stopBroker() {
        kafka.close();
        TempDirs.deleteQuietly(dir);
    }

    @Test
    void createsTheEventsTopicWithOnePartitionAndAcceptsItAgain() throws Exception {
        TopicSetup.ensure(kafka.bootstrapServers(), 4, (short) 1);

        TopicSetup.ensure(kafka.bootstrapServers(), 4, (short) 1);

        try (Admin admin = TopicAdmin.admin(kafka.bootstrapServers())) {
            var events = admin.describeTopics(List.of(Topics.EVENTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.EVENTS);
            assertThat(events.partitions()).hasSize(1);
        }
    }

    @Test
    void refusesAnExistingEventsTopicWithSeveralPartitions() {
        TopicAdmin.createTopic(kafka.bootstrapServers(), Topics.EVENTS, 2, Map.of());

        assertThatThrownBy(() -> TopicSetup.ensure(kafka.bootstrapServers(), 4, (short) 1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("blobpipe.events has 2 partitions; blobpipe needs exactly 1");
    }
}
