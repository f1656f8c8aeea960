package dev.blobpipe.stats.internal;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Hands a Kafka Streams record to schemas' codecs, which read consumer records (value and headers): the codecs stay
 * the one place that knows the topics' formats.
 */
final class RecordDecoding {
    private RecordDecoding() {
    }

    static ConsumerRecord<byte[], byte[]> asConsumerRecord(ProcessingContext context, Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(meta -> meta.topic()).orElse("");
        int partition = context.recordMetadata().map(meta -> meta.partition()).orElse(-1);
        long offset = context.recordMetadata().map(meta -> meta.offset()).orElse(-1L);
        return new ConsumerRecord<>(topic, partition, offset, record.timestamp(), TimestampType.CREATE_TIME,
                -1, -1, record.key(), record.value(), record.headers(), Optional.empty());
    }
}
