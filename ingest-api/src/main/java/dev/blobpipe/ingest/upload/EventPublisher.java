package dev.blobpipe.ingest.upload;

import dev.blobpipe.catalog.VisibilityWaiter;
import dev.blobpipe.schemas.EventCodec;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes events that carry no data (object delete, bucket create/delete) and waits until the catalog applied them.
 * The caller assigns the version: {@code versionClock.nextAfter(catalog.newestVersion(bucket, key).orElse(ZERO))}, or
 * {@code newestBucketVersion} for bucket events. Thread-safe.
 */
public final class EventPublisher {
    private final Producer<byte[], byte[]> producer;
    private final String eventsTopic;
    private final VisibilityWaiter visibility;
    private final Duration visibilityTimeout;

    /** {@code producer} from {@link IngestProducer#create}, the same one the uploader uses. */
    public EventPublisher(Producer<byte[], byte[]> producer, VisibilityWaiter visibility, UploadConfig.Values config) {
        this(producer, Topics.EVENTS, visibility, config);
    }

    /** As above, writing to {@code eventsTopic} instead of {@link Topics#EVENTS} (tests use a topic each). */
    public EventPublisher(Producer<byte[], byte[]> producer, String eventsTopic, VisibilityWaiter visibility,
            UploadConfig.Values config) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.eventsTopic = Objects.requireNonNull(eventsTopic, "eventsTopic");
        this.visibility = Objects.requireNonNull(visibility, "visibility");
        this.visibilityTimeout = Objects.requireNonNull(config, "config").visibilityTimeout();
    }

    /**
     * Throws S3Exception(SERVICE_UNAVAILABLE) when the catalog did not apply it within the visibility timeout (it may
     * still apply it later), SERVICE_UNAVAILABLE or INTERNAL_ERROR when Kafka did not take it.
     */
    public VisibilityWaiter.AppliedOutcome publishAndAwait(ObjectEvent event) {
        Objects.requireNonNull(event, "event");
        String what = describe(event);
        // registered before publishing, so a fast indexer cannot apply it unseen
        try (VisibilityWaiter.Pending pending = visibility.register(event.versionId())) {
            KafkaAcks.await(producer.send(record(event)), IngestProducer.ackWait(), what);
            return Visibility.await(pending, visibilityTimeout, what);
        }
    }

    /**
     * Publishes several events at once (DeleteObjects): all are sent before any acknowledgement is awaited, so the
     * request costs about one round trip rather than one per event. Events must have distinct versions. Returns the
     * outcomes in the order of {@code events}; throws like {@link #publishAndAwait} if any send or wait fails (the
     * others may have been applied).
     */
    public List<VisibilityWaiter.AppliedOutcome> publishAllAndAwait(List<? extends ObjectEvent> events) {
        List<VisibilityWaiter.Pending> pendings = new ArrayList<>(events.size());
        try {
            for (ObjectEvent event : events) {
                pendings.add(visibility.register(event.versionId()));
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
            for (ObjectEvent event : events) {
                acks.add(producer.send(record(event)));
            }
            for (int i = 0; i < events.size(); i++) {
                KafkaAcks.await(acks.get(i), IngestProducer.ackWait(), describe(events.get(i)));
            }
            List<VisibilityWaiter.AppliedOutcome> outcomes = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                outcomes.add(Visibility.await(pendings.get(i), visibilityTimeout, describe(events.get(i))));
            }
            return outcomes;
        } finally {
            pendings.forEach(VisibilityWaiter.Pending::close);
        }
    }

    private ProducerRecord<byte[], byte[]> record(ObjectEvent event) {
        ProducerRecord<byte[], byte[]> codec = EventCodec.toProducerRecord(event);
        return new ProducerRecord<>(eventsTopic, codec.partition(), codec.timestamp(), codec.key(), codec.value(),
                codec.headers());
    }

    private static String describe(ObjectEvent event) {
        return "event kind=" + event.getClass().getSimpleName() + " bucket=" + event.bucket()
                + " version=" + event.versionId();
    }
}
