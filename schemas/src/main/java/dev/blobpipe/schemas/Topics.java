package dev.blobpipe.schemas;

import java.util.Map;

/**
 * The topics blobpipe uses, with the configs they are created with. Nothing else names a topic or chooses its
 * configs, so every role agrees on them.
 */
public final class Topics {
    /** Upload chunks, commits and aborts; record key = upload id, so one upload stays on one partition, in order. */
    public static final String CHUNKS = "blobpipe.chunks";
    /** Object and bucket events; record key = bucket, key and version (see {@link EventCodec#recordKey}). */
    public static final String EVENTS = "blobpipe.events";
    /**
     * Partitions of {@link #EVENTS}: exactly one. The indexer's decisions depend on the order of events (conditional
     * writes, parts before their upload's start, tags on a live version, moves by compare-and-set, expiry of a live
     * version, bucket delete only when empty); one partition is one total order, like a database's write-ahead log,
     * so a replay (a catalog rebuild) applies them in the order they were first applied. Producers name no partition.
     */
    public static final int EVENTS_PARTITIONS = 1;

    /**
     * Largest chunk payload a record may carry. The topic's {@code max.message.bytes} and the producer's
     * {@code max.request.size} sit above it with room for key, headers and batch overhead: Kafka's defaults are exactly
     * 1 MiB and would refuse a full chunk.
     */
    public static final int MAX_CHUNK_BYTES = 1 << 20;
    public static final int MAX_RECORD_BYTES = MAX_CHUNK_BYTES + (64 << 10);

    private Topics() {
    }

    public static Map<String, String> chunksConfig() {
        return Map.of(
                "max.message.bytes", Integer.toString(MAX_RECORD_BYTES),
                "cleanup.policy", "delete",
                // a backstop only: archived chunks are removed with deleteRecords long before this
                "retention.ms", Long.toString(7L * 24 * 3600 * 1000),
                "min.insync.replicas", "1");
    }

    public static Map<String, String> eventsConfig() {
        return Map.of(
                // compaction keeps the latest record per bucket/key/version, so every version the catalog needs survives
                "cleanup.policy", "compact",
                "max.message.bytes", Integer.toString(MAX_RECORD_BYTES),
                "min.insync.replicas", "1");
    }
}
