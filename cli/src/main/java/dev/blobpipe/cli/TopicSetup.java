package dev.blobpipe.cli;

import dev.blobpipe.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates blobpipe's topics, with the configs schemas declares for them, where they do not exist yet. */
final class TopicSetup {
    private TopicSetup() {
    }

    static void ensure(String bootstrapServers, int chunkPartitions, int eventPartitions, short replicationFactor)
            throws InterruptedException {
        var properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "blobpipe-setup");
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(Topics.CHUNKS)) {
                missing.add(topic(Topics.CHUNKS, chunkPartitions, replicationFactor, Topics.chunksConfig()));
            }
            if (!existing.contains(Topics.EVENTS)) {
                missing.add(topic(Topics.EVENTS, eventPartitions, replicationFactor, Topics.eventsConfig()));
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create blobpipe's topics", e);
        }
    }

    private static NewTopic topic(String name, int partitions, short replicationFactor, Map<String, String> configs) {
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}
