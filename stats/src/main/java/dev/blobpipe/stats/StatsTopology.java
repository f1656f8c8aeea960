package dev.blobpipe.stats;

import dev.blobpipe.schemas.Topics;
import dev.blobpipe.stats.internal.BucketDelta;
import dev.blobpipe.stats.internal.BucketTotals;
import dev.blobpipe.stats.internal.EventDecoder;
import dev.blobpipe.stats.internal.KeyChange;
import dev.blobpipe.stats.internal.ObjectName;
import dev.blobpipe.stats.internal.ObjectState;
import dev.blobpipe.stats.internal.ObjectVersionProcessor;
import dev.blobpipe.stats.internal.OperationCounts;
import dev.blobpipe.stats.internal.UploadActivity;
import dev.blobpipe.stats.internal.UploadActivityProcessor;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;

/**
 * The two Kafka Streams topologies of the live stats. They run as two applications because their inputs differ by
 * three orders of magnitude in record size: the upload tracker reads every chunk (up to 1 MiB each) and must buffer
 * almost nothing, while the object counts read small events and may buffer many.
 *
 * <p>Objects: {@code blobpipe.events} (keyed by version too, so one key's versions sit on several partitions) is
 * repartitioned by bucket and key; {@link ObjectVersionProcessor} keeps the newest version per key (RocksDB) and
 * emits per-bucket deltas, which are repartitioned by bucket and summed into {@value #BUCKET_TOTALS} (live objects
 * and bytes) and one-minute windows in {@value #BUCKET_RATES} (PUTs and DELETEs by record time, kept
 * {@link #RATE_RETENTION}).
 *
 * <p>Uploads: {@code blobpipe.chunks} (keyed by upload id, one upload on one partition in order) into
 * {@value UploadActivityProcessor#STORE}.
 */
public final class StatsTopology {
    public static final String BUCKET_TOTALS = "bucket-totals";
    public static final String BUCKET_RATES = "bucket-rates";
    public static final String UPLOAD_ACTIVITY = UploadActivityProcessor.STORE;
    public static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    /** Events of one minute may be read up to this late (partitions are read at different paces) and still count. */
    public static final Duration RATE_GRACE = Duration.ofMinutes(1);
    public static final Duration RATE_RETENTION = Duration.ofHours(1);

    private StatsTopology() {
    }

    /** Per bucket: live objects and bytes, PUTs and DELETEs per minute. */
    public static Topology objects() {
        var builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ObjectVersionProcessor.STORE), ObjectName.SERDE, ObjectState.SERDE));
        KGroupedStream<String, BucketDelta> deltas = builder
                .stream(Topics.EVENTS, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("events"))
                .process(EventDecoder::new, Named.as("decode-events"))
                .repartition(Repartitioned.with(ObjectName.SERDE, KeyChange.SERDE).withName("object-changes"))
                .process(ObjectVersionProcessor::new, Named.as("last-writer-wins"), ObjectVersionProcessor.STORE)
                .repartition(Repartitioned.with(Serdes.String(), BucketDelta.SERDE).withName("bucket-deltas"))
                .groupByKey(Grouped.with(Serdes.String(), BucketDelta.SERDE));
        deltas.aggregate(() -> BucketTotals.ZERO, (bucket, delta, totals) -> totals.plus(delta),
                Named.as("sum-totals"),
                Materialized.<String, BucketTotals>as(Stores.inMemoryKeyValueStore(BUCKET_TOTALS))
                        .withKeySerde(Serdes.String()).withValueSerde(BucketTotals.SERDE));
        deltas.windowedBy(TimeWindows.ofSizeAndGrace(RATE_WINDOW, RATE_GRACE))
                .aggregate(() -> OperationCounts.ZERO, (bucket, delta, counts) -> counts.plus(delta),
                        Named.as("count-per-minute"),
                        Materialized.<String, OperationCounts>as(Stores.inMemoryWindowStore(BUCKET_RATES,
                                        RATE_RETENTION, RATE_WINDOW, false))
                                .withKeySerde(Serdes.String()).withValueSerde(OperationCounts.SERDE));
        return builder.build();
    }

    /** Uploads with chunks and no commit or abort; entries idle longer than {@code forgetAfter} are dropped. */
    public static Topology uploads(Duration forgetAfter) {
        var builder = new StreamsBuilder();
        // not cached: a cache entry keeps its record context, and that holds the source record's raw value, here a
        // chunk of up to 1 MiB, which the cache's size limit does not count (a 256 MiB JVM ran out of heap)
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(UPLOAD_ACTIVITY),
                Serdes.String(), UploadActivity.SERDE));
        builder.stream(Topics.CHUNKS, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("chunks"))
                .process(() -> new UploadActivityProcessor(forgetAfter), Named.as("track-uploads"), UPLOAD_ACTIVITY);
        return builder.build();
    }
}
