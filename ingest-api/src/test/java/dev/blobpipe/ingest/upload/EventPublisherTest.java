package dev.blobpipe.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.catalog.VisibilityWaiter;
import dev.blobpipe.embedded.testing.SharedKafka;
import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import dev.blobpipe.schemas.EventCodec;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.Topics;
import dev.blobpipe.schemas.VersionId;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventPublisherTest {
    private static final UploadConfig.Values CONFIG =
            new UploadConfig.Values(64 << 10, 1L << 20, 2, Duration.ofMillis(300), 1);
    private static Producer<byte[], byte[]> producer;
    private String topic;

    @BeforeAll
    static void startProducer() {
        producer = IngestProducer.create(SharedKafka.bootstrapServers(), CONFIG);
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @BeforeEach
    void createTopic() {
        topic = SharedKafka.uniqueTopic("events");
        SharedKafka.createTopic(topic, 1, Topics.eventsConfig());
    }

    @Test
    void publishedEventIsOnTheTopicAndItsOutcomeReturned() {
        var visibility = FakeVisibilityWaiter.immediate();
        var event = new ObjectEvent.BucketCreated("photos", new VersionId(1_700_000_000_000L, 0, 1),
                Instant.parse("2026-11-26T10:00:00Z"), "us-east-1");

        var outcome = new EventPublisher(producer, topic, visibility, CONFIG).publishAndAwait(event);

        assertThat(outcome).isEqualTo(VisibilityWaiter.AppliedOutcome.APPLIED);
        assertThat(visibility.registered()).containsExactly(event.versionId());
        try (var reader = new TopicReader<>(topic, EventCodec::fromConsumerRecord)) {
            assertThat(reader.readUntil("the event", list -> !list.isEmpty())).containsExactly(event);
        }
    }

    @Test
    void batchIsRegisteredBeforeSendingAndEveryOutcomeReturnedInOrder() {
        var visibility = FakeVisibilityWaiter.immediate();
        var events = new java.util.ArrayList<ObjectEvent>();
        for (int i = 0; i < 50; i++) {
            events.add(new ObjectEvent.ObjectDeleted("photos", "k" + i, new VersionId(1_700_000_000_000L, i, 1),
                    Instant.parse("2026-11-26T10:00:00Z")));
        }

        var outcomes = new EventPublisher(producer, topic, visibility, CONFIG).publishAllAndAwait(events);

        assertThat(outcomes).hasSize(50).containsOnly(VisibilityWaiter.AppliedOutcome.APPLIED);
        assertThat(visibility.registered()).containsExactlyElementsOf(events.stream().map(ObjectEvent::versionId)
                .toList());
        try (var reader = new TopicReader<>(topic, EventCodec::fromConsumerRecord)) {
            assertThat(reader.readUntil("the events", list -> list.size() == 50)).containsExactlyElementsOf(events);
        }
    }

    @Test
    void eventNotAppliedInTimeGivesServiceUnavailable() {
        var event = new ObjectEvent.ObjectDeleted("photos", "cat.jpg", new VersionId(1_700_000_000_000L, 1, 1),
                Instant.parse("2026-11-26T10:00:00Z"));
        var publisher = new EventPublisher(producer, topic, FakeVisibilityWaiter.never(), CONFIG);

        assertThatThrownBy(() -> publisher.publishAndAwait(event))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.SERVICE_UNAVAILABLE));
    }
}
