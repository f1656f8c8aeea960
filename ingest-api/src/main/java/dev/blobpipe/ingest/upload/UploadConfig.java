package dev.blobpipe.ingest.upload;

import dev.blobpipe.schemas.Topics;
import dev.blobpipe.schemas.config.ConfigException;
import dev.blobpipe.schemas.config.ConfigKey;
import dev.blobpipe.schemas.config.ConfigValues;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The write path's settings: chunk size, the in-flight byte budget, per-upload parallelism, visibility wait, node id. */
public final class UploadConfig {
    public static final ConfigKey<Long> CHUNK_SIZE = ConfigKey.bytes("ingest.chunk.size.bytes")
            .defaultValue(1L << 20)
            // the top stays under the chunks topic's max.message.bytes (Topics.MAX_RECORD_BYTES)
            .range(64L << 10, (long) Topics.MAX_CHUNK_BYTES)
            .doc("Bytes of an upload carried by one record on blobpipe.chunks.");

    public static final ConfigKey<Long> INFLIGHT_BYTES = ConfigKey.bytes("ingest.inflight.bytes")
            .defaultValue(64L << 20)
            // the budget is a Semaphore of bytes (int permits) and lives in the heap: 1 GiB is plenty
            .range((long) Topics.MAX_CHUNK_BYTES, 1L << 30)
            .doc("Upload bytes read but not yet acknowledged by Kafka, summed over all uploads of this process;"
                    + " past it a PUT gets 503 SlowDown.");

    public static final ConfigKey<Integer> UPLOAD_INFLIGHT_CHUNKS = ConfigKey.integer("ingest.upload.inflight.chunks")
            .defaultValue(4)
            .range(1, 64)
            .doc("Chunks of one upload sent to Kafka but not yet acknowledged; then reading the body waits.");

    public static final ConfigKey<Duration> VISIBILITY_TIMEOUT = ConfigKey.duration("ingest.visibility.timeout")
            .defaultValue(Duration.ofSeconds(30))
            .validate(timeout -> !timeout.isZero(), "positive")
            .doc("How long a write waits for the catalog to apply it before answering 503 (it may still apply later).");

    public static final ConfigKey<Integer> NODE_ID = ConfigKey.integer("ingest.node.id")
            .defaultValue(0)
            .range(0, 0xFFFF)
            .doc("This instance's id in version ids; unique among the ingest-api instances of a cluster.");

    private UploadConfig() {
    }

    /** The write path's settings, validated. */
    public record Values(int chunkSizeBytes, long inflightBytes, int uploadInflightChunks, Duration visibilityTimeout,
            int nodeId) {
        public Values {
            Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
            if (chunkSizeBytes <= 0 || chunkSizeBytes > Topics.MAX_CHUNK_BYTES) {
                throw new IllegalArgumentException("chunkSizeBytes out of range: " + chunkSizeBytes);
            }
            if (inflightBytes < chunkSizeBytes || inflightBytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("inflightBytes must hold at least one chunk and fit an int: "
                        + inflightBytes);
            }
            if (uploadInflightChunks < 1) {
                throw new IllegalArgumentException("uploadInflightChunks must be positive: " + uploadInflightChunks);
            }
            if (visibilityTimeout.isNegative() || visibilityTimeout.isZero()) {
                throw new IllegalArgumentException("visibilityTimeout must be positive: " + visibilityTimeout);
            }
        }

        public static Values defaults() {
            return from(ConfigValues.empty());
        }
    }

    public static List<ConfigKey<?>> keys() {
        return List.of(CHUNK_SIZE, INFLIGHT_BYTES, UPLOAD_INFLIGHT_CHUNKS, VISIBILITY_TIMEOUT, NODE_ID);
    }

    public static Values from(ConfigValues values) {
        long chunkSize = values.get(CHUNK_SIZE);
        long inflight = values.get(INFLIGHT_BYTES);
        if (inflight < chunkSize) {
            // a single chunk could never get its share of the budget: every PUT would be refused
            throw new ConfigException(INFLIGHT_BYTES, Long.toString(inflight),
                    "must be at least " + CHUNK_SIZE.name() + " (" + chunkSize + ")");
        }
        return new Values((int) chunkSize, inflight, values.get(UPLOAD_INFLIGHT_CHUNKS),
                values.get(VISIBILITY_TIMEOUT), values.get(NODE_ID));
    }
}
