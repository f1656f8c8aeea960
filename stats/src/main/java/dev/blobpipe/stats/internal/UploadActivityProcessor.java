package dev.blobpipe.stats.internal;

import dev.blobpipe.schemas.RecordFormatException;
import dev.blobpipe.schemas.UploadRecord;
import dev.blobpipe.schemas.UploadRecordCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks uploads that have chunks on blobpipe.chunks but no commit or abort yet, in store {@value #STORE} (upload id
 * to {@link UploadActivity}): a chunk adds to its upload, a commit or abort forgets it. A complete upload (chunk and
 * commit in one record) starts and ends at once, is never in progress, and costs no store write. The archiver drops
 * an idle upload without writing an abort, so entries older than {@code forgetAfter} (the chunks topic's retention,
 * after which the chunks themselves are gone) are forgotten by a wall-clock punctuation.
 */
public final class UploadActivityProcessor implements Processor<byte[], byte[], Void, Void> {
    public static final String STORE = "upload-activity";
    private static final Logger log = LoggerFactory.getLogger(UploadActivityProcessor.class);
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final Duration forgetAfter;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, UploadActivity> uploads;

    public UploadActivityProcessor(Duration forgetAfter) {
        this.forgetAfter = forgetAfter;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.uploads = context.getStateStore(STORE);
        context.schedule(SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::forgetOlderThanRetention);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        UploadRecord upload;
        try {
            upload = UploadRecordCodec.fromConsumerRecord(RecordDecoding.asConsumerRecord(context, record));
        } catch (RecordFormatException e) {
            log.warn("unreadable chunk record skipped meta={} error={}", context.recordMetadata().orElse(null),
                    e.toString());
            return;
        }
        String id = upload.uploadId().value();
        if (upload instanceof UploadRecord.Chunk chunk) {
            UploadActivity seen = uploads.get(id);
            long bytes = chunk.data().remaining();
            uploads.put(id, seen == null ? UploadActivity.first(record.timestamp(), bytes)
                    : seen.plus(record.timestamp(), bytes));
        } else if (upload instanceof UploadRecord.CompleteUpload) {
            // most PUTs are small and come as one record: a delete here would still write a changelog tombstone
            return;
        } else {
            uploads.delete(id); // commit or abort: the upload is over either way
        }
    }

    private void forgetOlderThanRetention(long nowMillis) {
        long cutoff = nowMillis - forgetAfter.toMillis();
        List<String> forgotten = new ArrayList<>();
        try (KeyValueIterator<String, UploadActivity> all = uploads.all()) {
            while (all.hasNext()) {
                KeyValue<String, UploadActivity> entry = all.next();
                if (entry.value.lastSeenMillis() < cutoff) {
                    forgotten.add(entry.key);
                }
            }
        }
        forgotten.forEach(uploads::delete);
        if (!forgotten.isEmpty()) {
            log.info("idle uploads forgotten after the chunks retention count={}", forgotten.size());
        }
    }
}
