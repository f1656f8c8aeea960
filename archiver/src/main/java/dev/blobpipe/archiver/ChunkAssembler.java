package dev.blobpipe.archiver;

import dev.blobpipe.blobstore.BlobStore;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.RecordFormatException;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.UploadRecord;
import dev.blobpipe.schemas.UploadRecordCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns chunk-topic records into published blobs and {@link ObjectEvent.ObjectCommitted} events, and keeps what a
 * commit of the consumed offsets must say: per partition, the offset to replay from and the uploads finished since.
 * Knows nothing of transactions: {@link ArchiveLoop} wraps each batch in one.
 *
 * <p>Record rules: seq 0 opens (or restarts) an upload; a later chunk must be the next seq at the next byte and match
 * its CRC32C; the commit must match size, chunk count, MD5 and SHA-256. A complete upload (one record) is its seq-0
 * chunk followed at once by its commit, under the same rules; it is finished within the record, so it is never open
 * and never holds its partition's offset back. A broken upload is rejected: its staging blob is deleted and nothing
 * is published. Records of an upload whose seq-0 chunk was not seen here, or which is already
 * finished, are ignored: they belong to uploads dealt with before the committed offset or earlier in this replay.
 *
 * <p>Owned by one poll loop thread.
 */
final class ChunkAssembler {
    private static final Logger log = LoggerFactory.getLogger(ChunkAssembler.class);

    private final BlobStore store;
    private final Duration idleTimeout;
    private final Consumer<ObjectEvent.ObjectCommitted> events;
    private final Consumer<UploadId> afterPublish;
    private final Packing packing;
    private final Map<UploadId, UploadAssembly> uploads = new HashMap<>();
    private final Map<TopicPartition, PartitionProgress> partitions = new HashMap<>();

    /** Where small uploads go: the loop's packer, the instance's cap on held bytes, and what counts as small. */
    record Packing(SegmentPacker packer, HeldBytes heldBudget, long thresholdBytes) {
        Packing {
            Objects.requireNonNull(packer, "packer");
            Objects.requireNonNull(heldBudget, "heldBudget");
        }
    }

    /**
     * @param events receives each committed object's event, after its blob is published or packed
     * @param afterPublish test hook run between publishing (or packing) a blob and handing over its event
     */
    ChunkAssembler(BlobStore store, Duration idleTimeout, Packing packing,
            Consumer<ObjectEvent.ObjectCommitted> events, Consumer<UploadId> afterPublish) {
        this.store = Objects.requireNonNull(store, "store");
        this.packing = Objects.requireNonNull(packing, "packing");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.events = Objects.requireNonNull(events, "events");
        this.afterPublish = Objects.requireNonNull(afterPublish, "afterPublish");
    }

    /** The partition is ours from {@code committed} on; the uploads it lists are not to be reassembled. */
    void assigned(TopicPartition partition, ReplayCheckpoint committed) {
        partitions.put(partition, new PartitionProgress(committed));
    }

    /**
     * Forgets the partitions and their open uploads. Staging blobs stay: whoever replays the partition truncates
     * them at seq 0.
     */
    void drop(Collection<TopicPartition> dropped) {
        var set = new HashSet<>(dropped);
        List<UploadAssembly> theirs = new ArrayList<>();
        for (UploadAssembly upload : uploads.values()) {
            if (set.contains(upload.partition())) {
                theirs.add(upload);
            }
        }
        closeUploads(theirs);
        dropped.forEach(partitions::remove);
    }

    /**
     * Forgets every open upload and everything since the last commit of the partition, whose checkpoint it returns:
     * the caller seeks there and the uploads are replayed.
     */
    ReplayCheckpoint rewind(TopicPartition partition) {
        List<UploadAssembly> theirs = new ArrayList<>();
        for (UploadAssembly upload : uploads.values()) {
            if (upload.partition().equals(partition)) {
                theirs.add(upload);
            }
        }
        closeUploads(theirs);
        PartitionProgress progress = partitions.get(partition);
        ReplayCheckpoint committed = progress == null ? ReplayCheckpoint.NONE : progress.committed;
        partitions.put(partition, new PartitionProgress(committed));
        return committed;
    }

    /** Closes every staging blob, keeping it (see {@link #drop}). */
    void closeAll() {
        closeUploads(new ArrayList<>(uploads.values()));
        partitions.clear();
    }

    void handle(ConsumerRecord<byte[], byte[]> record, Instant now) throws IOException {
        var partition = new TopicPartition(record.topic(), record.partition());
        PartitionProgress progress = progress(partition);
        progress.dirty = true;
        UploadRecord upload;
        try {
            upload = UploadRecordCodec.fromConsumerRecord(record);
        } catch (RecordFormatException | IllegalArgumentException e) {
            unreadable(record, e);
            return;
        }
        UploadId uploadId = upload.uploadId();
        if (progress.finished.containsKey(uploadId)) {
            log.debug("record of a finished upload ignored upload={} partition={} offset={}", uploadId, partition,
                    record.offset());
            return;
        }
        UploadAssembly assembly = uploads.get(uploadId);
        if (upload instanceof UploadRecord.Chunk chunk) {
            if (chunk.seq() == 0) {
                assembly = start(assembly, uploadId, partition, record.offset(), now);
            } else if (assembly == null) {
                log.debug("chunk of an upload not started here ignored upload={} seq={}", uploadId, chunk.seq());
                return;
            }
            var rejection = assembly.append(chunk, now);
            if (rejection.isPresent()) {
                reject(assembly, null, rejection.get());
            }
        } else if (upload instanceof UploadRecord.Commit commit) {
            ObjectManifest manifest = commit.manifest();
            if (assembly == null) {
                if (manifest.chunkCount() != 0 || manifest.sizeBytes() != 0) {
                    log.debug("commit of an upload not started here ignored upload={}", uploadId);
                    return;
                }
                // an empty object is a commit with no chunks
                assembly = open(uploadId, partition, record.offset(), now);
                uploads.put(uploadId, assembly);
            }
            commit(assembly, manifest);
        } else if (upload instanceof UploadRecord.CompleteUpload complete) {
            // its own seq 0: a replay that meets it reassembles it unless the finished list names it
            assembly = start(assembly, uploadId, partition, record.offset(), now);
            var rejection = assembly.append(complete.chunk(), now);
            if (rejection.isPresent()) {
                reject(assembly, complete.manifest(), rejection.get());
            } else {
                commit(assembly, complete.manifest());
            }
        } else if (upload instanceof UploadRecord.Abort abort) {
            if (assembly == null) {
                log.debug("abort of an upload not started here ignored upload={}", uploadId);
                return;
            }
            assembly.discard();
            finish(assembly);
            log.debug("upload aborted upload={} reason={}", uploadId, abort.reason());
        } else {
            throw new IllegalStateException("unknown upload record " + upload);
        }
    }

    /** True if some upload has had no record for longer than the idle timeout. */
    boolean hasIdle(Instant now) {
        return uploads.values().stream().anyMatch(upload -> isIdle(upload, now));
    }

    /** Aborts the idle uploads: the archiver owns assembly state, so nobody else would ever drop them. */
    void expireIdle(Instant now) throws IOException {
        List<UploadAssembly> idle = uploads.values().stream().filter(upload -> isIdle(upload, now)).toList();
        for (UploadAssembly upload : idle) {
            log.warn("idle upload aborted upload={} idleFor={} bytes={}", upload.uploadId(),
                    Duration.between(upload.lastActivity(), now), upload.sizeBytes());
            upload.discard();
            finish(upload);
        }
    }

    /**
     * What to commit for each partition changed since its last commit. THE OFFSET RULE: the offset is the smaller of
     * the consumer's position and the seq-0 offset of the oldest upload still open there, so a crash replays every
     * unfinished upload from its start; the finished list keeps the replay from republishing the others.
     */
    Map<TopicPartition, ReplayCheckpoint> checkpoints(ToLongFunction<TopicPartition> position) {
        Map<TopicPartition, Long> oldestOpen = new HashMap<>();
        for (UploadAssembly upload : uploads.values()) {
            oldestOpen.merge(upload.partition(), upload.firstOffset(), Math::min);
        }
        Map<TopicPartition, ReplayCheckpoint> checkpoints = new HashMap<>();
        for (Map.Entry<TopicPartition, PartitionProgress> entry : partitions.entrySet()) {
            if (!entry.getValue().dirty) {
                continue;
            }
            TopicPartition partition = entry.getKey();
            long offset = Math.min(position.applyAsLong(partition),
                    oldestOpen.getOrDefault(partition, Long.MAX_VALUE));
            Map<UploadId, Long> finished = entry.getValue().finished;
            ReplayCheckpoint checkpoint = ReplayCheckpoint.at(offset, finished);
            long needed = finished.values().stream().filter(firstOffset -> firstOffset >= offset).count();
            if (checkpoint.finished().size() < needed) {
                log.warn("too many finished uploads behind an open one to record, a crash may republish some"
                        + " partition={} offset={} finished={}", partition, offset, needed);
            }
            checkpoints.put(partition, checkpoint);
        }
        return checkpoints;
    }

    /** The checkpoints are committed: they are what a rewind returns to from now on. */
    /** Whether committing {@code checkpoints} would change no partition's committed offset or metadata. */
    boolean alreadyCommitted(Map<TopicPartition, ReplayCheckpoint> checkpoints) {
        for (Map.Entry<TopicPartition, ReplayCheckpoint> entry : checkpoints.entrySet()) {
            PartitionProgress progress = partitions.get(entry.getKey());
            if (progress == null || !entry.getValue().equals(progress.committed)) {
                return false;
            }
        }
        return true;
    }

    void committed(Map<TopicPartition, ReplayCheckpoint> checkpoints) {
        for (Map.Entry<TopicPartition, ReplayCheckpoint> entry : checkpoints.entrySet()) {
            PartitionProgress progress = partitions.get(entry.getKey());
            if (progress != null) {
                progress.committed(entry.getValue());
            }
        }
    }

    private void commit(UploadAssembly assembly, ObjectManifest manifest) throws IOException {
        var mismatch = assembly.verify(manifest);
        if (mismatch.isPresent()) {
            reject(assembly, manifest, mismatch.get());
            return;
        }
        ObjectLocation location = assembly.isPackable() ? assembly.pack(packing.packer(), manifest)
                : assembly.publish();
        afterPublish.accept(assembly.uploadId());
        events.accept(new ObjectEvent.ObjectCommitted(assembly.uploadId(), manifest, location));
        finish(assembly);
        log.debug("upload committed upload={} bucket={} key={} version={} bytes={}", assembly.uploadId(),
                manifest.bucket(), manifest.key(), manifest.versionId(), location.lengthBytes());
    }

    private void reject(UploadAssembly assembly, ObjectManifest manifest, String reason) throws IOException {
        if (manifest == null) {
            log.warn("upload rejected upload={} reason={}", assembly.uploadId(), reason);
        } else {
            log.warn("upload rejected upload={} bucket={} key={} reason={}", assembly.uploadId(), manifest.bucket(),
                    manifest.key(), reason);
        }
        assembly.discard();
        finish(assembly);
    }

    private void unreadable(ConsumerRecord<byte[], byte[]> record, RuntimeException error) throws IOException {
        log.warn("unreadable chunk record skipped partition={} offset={} reason={}", record.partition(),
                record.offset(), error.getMessage());
        if (record.key() == null) {
            return;
        }
        UploadId uploadId;
        try {
            uploadId = new UploadId(new String(record.key(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return;  // not even an upload id: there is no upload to fail
        }
        UploadAssembly assembly = uploads.get(uploadId);
        if (assembly != null) {
            reject(assembly, null, "unreadable record at offset " + record.offset());
        }
    }

    /** Opens the upload at its seq-0 record, or starts it over if it was open (a replay from an earlier offset). */
    private UploadAssembly start(UploadAssembly assembly, UploadId uploadId, TopicPartition partition, long offset,
            Instant now) throws IOException {
        if (assembly == null) {
            UploadAssembly opened = open(uploadId, partition, offset, now);
            uploads.put(uploadId, opened);
            return opened;
        }
        assembly.restart(offset, now);
        return assembly;
    }

    private UploadAssembly open(UploadId uploadId, TopicPartition partition, long firstOffset, Instant now)
            throws IOException {
        return UploadAssembly.open(store, uploadId, partition, firstOffset, now, packing.heldBudget(),
                packing.thresholdBytes());
    }

    /** The upload is done, whatever the outcome: a replay must not reassemble it. */
    private void finish(UploadAssembly assembly) {
        uploads.remove(assembly.uploadId());
        PartitionProgress progress = progress(assembly.partition());
        progress.finished.put(assembly.uploadId(), assembly.firstOffset());
        progress.dirty = true;
    }

    private PartitionProgress progress(TopicPartition partition) {
        // records only come from assigned partitions; this covers a caller that skipped assigned()
        return partitions.computeIfAbsent(partition, p -> new PartitionProgress(ReplayCheckpoint.NONE));
    }

    private boolean isIdle(UploadAssembly upload, Instant now) {
        return Duration.between(upload.lastActivity(), now).compareTo(idleTimeout) > 0;
    }

    private void closeUploads(Collection<UploadAssembly> dropped) {
        for (UploadAssembly upload : dropped) {
            uploads.remove(upload.uploadId());
            try {
                upload.close();
            } catch (IOException e) {
                // only a file handle is lost; the replay reopens and truncates the staging blob
                log.debug("closing staging blob failed upload={}", upload.uploadId(), e);
            }
        }
    }

    /** Per-partition replay state: the last committed checkpoint and the uploads finished since its offset. */
    private static final class PartitionProgress {
        private ReplayCheckpoint committed;
        private final Map<UploadId, Long> finished;
        private boolean dirty;

        PartitionProgress(ReplayCheckpoint committed) {
            this.committed = committed;
            this.finished = new LinkedHashMap<>(committed.finished());
        }

        void committed(ReplayCheckpoint checkpoint) {
            committed = checkpoint;
            finished.clear();
            finished.putAll(checkpoint.finished());
            dirty = false;
        }
    }
}
