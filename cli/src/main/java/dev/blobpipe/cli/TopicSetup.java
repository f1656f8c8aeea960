package dev.blobpipe.cli;

import dev.blobpipe.schemas.Topics;
import dev.blobpipe.schemas.config.ConfigException;
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
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Creates blobpipe's topics, with the partitions and configs schemas declares for them, where they do not exist yet,
 * and refuses an existing {@link Topics#EVENTS} with more than {@link Topics#EVENTS_PARTITIONS} partitions.
 */
final class TopicSetup {
    private static final long TIMEOUT_SECONDS = 60;

    private TopicSetup() {
    }

    static void ensure(String bootstrapServers, int chunkPartitions, short replicationFactor)
            throws InterruptedException {
        var properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "blobpipe-setup");
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(Topics.CHUNKS)) {
                missing.add(topic(Topics.CHUNKS, chunkPartitions, replicationFactor, Topics.chunksConfig()));
            }
            if (existing.contains(Topics.EVENTS)) {
                requireOneEventsPartition(admin);
            } else {
                missing.add(topic(Topics.EVENTS, Topics.EVENTS_PARTITIONS, replicationFactor, Topics.eventsConfig()));
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create blobpipe's topics", e);
        }
    }

    /**
     * An events topic made by an older blobpipe may have several partitions, whose interleaving a catalog rebuild
     * could not reproduce; Kafka cannot shrink a topic, so the operator must act. A setting-like error (message, no
     * stack trace): the data dir, or the cluster, is what to change.
     */
    private static void requireOneEventsPartition(Admin admin)
            throws ExecutionException, TimeoutException, InterruptedException {
        TopicDescription events = admin.describeTopics(List.of(Topics.EVENTS)).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(Topics.EVENTS);
        int partitions = events.partitions().size();
        if (partitions > Topics.EVENTS_PARTITIONS) {
            throw new ConfigException(Topics.EVENTS + " has " + partitions + " partitions; blobpipe needs exactly "
                    + Topics.EVENTS_PARTITIONS + " (the catalog applies events in one total order, see DESIGN.md"
                    + " step 4). Kafka cannot reduce partitions: start on a new data dir (or recreate the topic"
                    + " after copying its events in order).");
        }
    }

    private static NewTopic topic(String name, int partitions, short replicationFactor, Map<String, String> configs) {
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}
