package dev.blobpipe.ingest.upload;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import dev.blobpipe.schemas.Crc32c;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.Topics;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.UploadRecord;
import dev.blobpipe.schemas.UploadRecordCodec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the records of one upload (chunks, then a commit or an abort) and bounds what is in flight: at most a few
 * chunks per upload, each holding its bytes of the process-wide {@link InflightBudget} until Kafka acknowledges it.
 * A body that fits in its first chunk is held back instead and sent with the commit as one
 * {@link UploadRecord.CompleteUpload}: one produce round trip instead of two (issue 6).
 *
 * <p>Owned by the request thread. The producer's I/O thread runs the send callbacks, which touch only the semaphores
 * and the first-failure slot.
 */
final class ChunkSender {
    private static final Logger log = LoggerFactory.getLogger(ChunkSender.class);
    /** Room left in a record for key, header names and record overhead (a few hundred bytes in practice). */
    private static final int RECORD_OVERHEAD_BYTES = 4 << 10;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final UploadId uploadId;
    private final InflightBudget budget;
    private final int maxInflightChunks;
    private final Semaphore inflightChunks;
    private final Duration ackWait;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private long nextSeq;
    private boolean anySent;
    // the body's only chunk while it waits for the commit, and the reservation it holds
    private byte[] onlyChunk;
    private int onlyChunkReservedBytes;

    ChunkSender(Producer<byte[], byte[]> producer, String topic, UploadId uploadId, InflightBudget budget,
            int maxInflightChunks, Duration ackWait) {
        this.producer = producer;
        this.topic = topic;
        this.uploadId = uploadId;
        this.budget = budget;
        this.maxInflightChunks = maxInflightChunks;
        this.inflightChunks = new Semaphore(maxInflightChunks);
        this.ackWait = ackWait;
    }

    /**
     * Makes room for one chunk of up to {@code bytes} before it is read: waits for one of this upload's in-flight
     * chunks to be acknowledged (back-pressure on the client's socket), then takes the bytes from the shared budget
     * (S3Exception SLOW_DOWN if they do not free up in time). Fails fast if an earlier chunk's send failed.
     */
    void reserve(int bytes) {
        throwIfSendFailed();
        acquireSlots(1);
        try {
            budget.acquire(bytes);
        } catch (RuntimeException e) {
            inflightChunks.release();
            throw e;
        }
    }

    /** Gives back a reservation that was not sent (the body ended, or reading it failed). */
    void cancel(int reservedBytes) {
        budget.release(reservedBytes);
        inflightChunks.release();
    }

    /**
     * Sends the next chunk, which must follow a {@link #reserve}. Takes over the reservation: it is given back when
     * Kafka answers, or at once if send() throws. {@code data} is owned by the producer from now on.
     */
    void sendChunk(long offset, byte[] data, int reservedBytes) {
        var chunk = new UploadRecord.Chunk(uploadId, nextSeq, offset, Crc32c.of(data, 0, data.length),
                ByteBuffer.wrap(data));
        Runnable release = releaseOnce(reservedBytes);
        anySent = true;
        try {
            producer.send(onTopic(UploadRecordCodec.toProducerRecord(chunk)), (metadata, exception) -> {
                release.run();
                if (exception != null) {
                    firstFailure.compareAndSet(null, exception);
                }
            });
        } catch (RuntimeException e) {
            release.run();
            throw KafkaAcks.failed("chunk uploadId=" + uploadId + " seq=" + chunk.seq(), e);
        }
        nextSeq++;
    }

    /**
     * Keeps the body's only chunk back (it must follow a {@link #reserve}, before any chunk was sent) so that
     * {@link #commit} sends it with the manifest. Takes over the reservation: given back when Kafka answers the
     * commit, or by {@link #abort}.
     */
    void holdOnlyChunk(byte[] data, int reservedBytes) {
        if (nextSeq != 0 || onlyChunk != null) {
            throw new IllegalStateException("only the first chunk of a body can be its only one");
        }
        onlyChunk = data;
        onlyChunkReservedBytes = reservedBytes;
    }

    /** Number of chunks sent so far, counting a held only chunk. */
    long chunkCount() {
        return nextSeq + (onlyChunk == null ? 0 : 1);
    }

    /** Waits until every chunk sent so far is acknowledged; throws S3Exception if one failed. */
    void awaitChunkAcks() {
        if (nextSeq == 0) {
            return; // nothing sent: an empty body, or its only chunk is held (and holds a slot) for the commit
        }
        acquireSlots(maxInflightChunks);
        inflightChunks.release(maxInflightChunks);
        throwIfSendFailed();
    }

    /**
     * Sends the commit and waits for its acknowledgement. With a held only chunk, the commit carries it: one record
     * whose acknowledgement is the upload's durable point, as the commit's is otherwise.
     */
    void commit(ObjectManifest manifest) {
        if (onlyChunk != null) {
            commitWithOnlyChunk(manifest);
            return;
        }
        anySent = true;
        var record = onTopic(UploadRecordCodec.toProducerRecord(new UploadRecord.Commit(uploadId, manifest)));
        KafkaAcks.await(producer.send(record), ackWait, "commit uploadId=" + uploadId);
    }

    private void commitWithOnlyChunk(ObjectManifest manifest) {
        byte[] data = onlyChunk;
        int reservedBytes = onlyChunkReservedBytes;
        onlyChunk = null;
        var complete = new UploadRecord.CompleteUpload(uploadId, Crc32c.of(data, 0, data.length),
                ByteBuffer.wrap(data), manifest);
        ProducerRecord<byte[], byte[]> record = onTopic(UploadRecordCodec.toProducerRecord(complete));
        if (sizeBytes(record) > Topics.MAX_RECORD_BYTES - RECORD_OVERHEAD_BYTES) {
            // a full chunk with a manifest of unusually long headers would not fit one record: send them as two
            log.debug("complete upload too large for one record, sending chunk and commit uploadId={} bytes={}",
                    uploadId, sizeBytes(record));
            sendChunk(0, data, reservedBytes);
            awaitChunkAcks();
            commit(manifest);
            return;
        }
        Runnable release = releaseOnce(reservedBytes);
        anySent = true;
        Future<RecordMetadata> ack;
        try {
            ack = producer.send(record, (metadata, exception) -> release.run());
        } catch (RuntimeException e) {
            release.run();
            throw KafkaAcks.failed("complete upload uploadId=" + uploadId, e);
        }
        KafkaAcks.await(ack, ackWait, "complete upload uploadId=" + uploadId);
    }

    /**
     * Gives back a sent record's reservation, at most once: send() either calls back or throws, and the flag makes a
     * double release impossible whatever it does.
     */
    private Runnable releaseOnce(int reservedBytes) {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                cancel(reservedBytes);
            }
        };
    }

    /**
     * Best effort, without waiting: tells the archiver to drop what it staged. If this is lost, the archiver aborts the
     * upload by itself after its timeout. Sends nothing when no record was sent (a held only chunk's reservation is
     * just given back).
     */
    void abort(String reason) {
        if (onlyChunk != null) {
            cancel(onlyChunkReservedBytes);
            onlyChunk = null;
        }
        if (!anySent) {
            return;
        }
        var record = onTopic(UploadRecordCodec.toProducerRecord(new UploadRecord.Abort(uploadId, reason)));
        try {
            producer.send(record, (metadata, exception) -> {
                if (exception != null) {
                    log.warn("abort record not sent uploadId={} reason={}", uploadId, reason, exception);
                }
            });
        } catch (RuntimeException e) {
            log.warn("abort record not sent uploadId={} reason={}", uploadId, reason, e);
        }
    }

    private void acquireSlots(int slots) {
        boolean acquired;
        try {
            acquired = inflightChunks.tryAcquire(slots, ackWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new S3Exception(S3Error.SERVICE_UNAVAILABLE);
        }
        if (!acquired) {
            // Kafka calls back within delivery.timeout.ms, so this means a stuck producer, not a slow broker
            log.warn("chunk acks not received uploadId={} timeout={}", uploadId, ackWait);
            throw new S3Exception(S3Error.SERVICE_UNAVAILABLE);
        }
    }

    private void throwIfSendFailed() {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw KafkaAcks.failed("chunk uploadId=" + uploadId, failure);
        }
    }

    private static int sizeBytes(ProducerRecord<byte[], byte[]> record) {
        int bytes = record.key().length + record.value().length;
        for (Header header : record.headers()) {
            bytes += header.key().length() + header.value().length;
        }
        return bytes;
    }

    private ProducerRecord<byte[], byte[]> onTopic(ProducerRecord<byte[], byte[]> record) {
        return new ProducerRecord<>(topic, record.partition(), record.timestamp(), record.key(), record.value(),
                record.headers());
    }
}
