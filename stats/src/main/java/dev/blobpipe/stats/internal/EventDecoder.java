package dev.blobpipe.stats.internal;

import dev.blobpipe.schemas.EventCodec;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.RecordFormatException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns records of blobpipe.events into key changes keyed by bucket and key. Only the events that create or remove
 * object versions pass: uploads that are whole objects, copies and completed multipart uploads create; deletes and
 * lifecycle expiries remove. Parts, bucket and configuration events, tags and moves change no count.
 */
public final class EventDecoder implements Processor<byte[], byte[], ObjectName, KeyChange> {
    private static final Logger log = LoggerFactory.getLogger(EventDecoder.class);
    private ProcessorContext<ObjectName, KeyChange> context;

    @Override
    public void init(ProcessorContext<ObjectName, KeyChange> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ObjectEvent event;
        try {
            event = EventCodec.fromConsumerRecord(RecordDecoding.asConsumerRecord(context, record));
        } catch (RecordFormatException e) {
            // the indexer is the authority on events; a record the stats cannot read only makes them less exact
            log.warn("unreadable event skipped meta={} error={}", context.recordMetadata().orElse(null), e.toString());
            return;
        }
        if (event == null) {
            return; // a tombstone of a collected version: compaction's business, not a change of any key
        }
        ObjectName name = null;
        KeyChange change = null;
        if (event instanceof ObjectEvent.ObjectCommitted committed) {
            if (committed.manifest().partOf() == null) {
                name = new ObjectName(event.bucket(), committed.manifest().key());
                change = KeyChange.write(committed.manifest());
            }
        } else if (event instanceof ObjectEvent.ObjectCopied copied) {
            name = new ObjectName(event.bucket(), copied.manifest().key());
            change = KeyChange.write(copied.manifest());
        } else if (event instanceof ObjectEvent.MultipartCompleted completed) {
            name = new ObjectName(event.bucket(), completed.manifest().key());
            change = KeyChange.write(completed.manifest());
        } else if (event instanceof ObjectEvent.ObjectDeleted deleted) {
            name = new ObjectName(event.bucket(), deleted.key());
            change = KeyChange.delete(deleted);
        } else if (event instanceof ObjectEvent.ObjectExpired expired) {
            name = new ObjectName(event.bucket(), expired.key());
            change = KeyChange.expire(expired);
        }
        if (change != null) {
            context.forward(new Record<>(name, change, record.timestamp()));
        }
    }
}
