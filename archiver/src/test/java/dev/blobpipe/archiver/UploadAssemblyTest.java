package dev.blobpipe.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.archiver.testing.TestUpload;
import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.blobstore.fs.FilesystemBlobStore;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.UploadRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assembly of one upload into a staging blob: order, CRC, replay and the checks at commit. */
class UploadAssemblyTest {
    private static final TopicPartition PARTITION = new TopicPartition("chunks", 0);
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path root;
    private FilesystemBlobStore store;

    @BeforeEach
    void openStore() throws IOException {
        store = new FilesystemBlobStore(root);
    }

    @Test
    void assembledChunksVerifyAndPublishUnderTheObjectName() throws IOException {
        var upload = TestUpload.of("b", "k", 1, 1000, 2000, 3);
        var assembly = UploadAssembly.open(store, upload.uploadId(), PARTITION, 5, NOW);

        for (UploadRecord.Chunk chunk : upload.chunks()) {
            assertThat(assembly.append(chunk, NOW)).isEmpty();
        }

        assertThat(assembly.verify(upload.manifest())).isEmpty();
        ObjectLocation location = assembly.publish(store);
        assertThat(location).isEqualTo(ObjectLocation.wholeBlob(BlobNames.object(upload.uploadId().value()), 3003));
        assertThat(store.size(location.blobName())).isEqualTo(3003);
        assertThat(store.size(BlobNames.staging(upload.uploadId().value()))).isEqualTo(-1);
    }

    @Test
    void rejectsChunkWithBadCrc() throws IOException {
        var upload = TestUpload.of("b", "k", 2, 100, 100);
        try (var assembly = UploadAssembly.open(store, upload.uploadId(), PARTITION, 0, NOW)) {
            assertThat(assembly.append(upload.chunk(0), NOW)).isEmpty();

            assertThat(assembly.append(upload.corruptedChunk(1), NOW)).hasValueSatisfying(
                    reason -> assertThat(reason).contains("CRC32C"));
        }
    }

    @Test
    void rejectsChunkOutOfSequence() throws IOException {
        var upload = TestUpload.of("b", "k", 3, 100, 100, 100);
        try (var assembly = UploadAssembly.open(store, upload.uploadId(), PARTITION, 0, NOW)) {
            assertThat(assembly.append(upload.chunk(0), NOW)).isEmpty();

            assertThat(assembly.append(upload.chunk(2), NOW)).hasValueSatisfying(
                    reason -> assertThat(reason).contains("seq 2 where 1"));
        }
    }

    @Test
    void rejectsChunkAtWrongByteOffset() throws IOException {
        var upload = TestUpload.of("b", "k", 4, 100, 100);
        UploadRecord.Chunk second = upload.chunk(1);
        var shifted = new UploadRecord.Chunk(upload.uploadId(), 1, 99, second.crc32c(), second.data());
        try (var assembly = UploadAssembly.open(store, upload.uploadId(), PARTITION, 0, NOW)) {
            assertThat(assembly.append(upload.chunk(0), NOW)).isEmpty();

            assertThat(assembly.append(shifted, NOW)).hasValueSatisfying(
                    reason -> assertThat(reason).contains("at byte 99 where 100"));
        }
    }

    @Test
    void restartFromSeqZeroForgetsEarlierBytes() throws IOException {
        // given a staging blob holding a longer, different attempt (a crashed predecessor's leftovers)
        var upload = TestUpload.of("b", "k", 5, 300, 300);
        try (var leftover = store.openStaging(BlobNames.staging(upload.uploadId().value()))) {
            leftover.write(0, ByteBuffer.wrap(new byte[5000]));
        }
        var assembly = UploadAssembly.open(store, upload.uploadId(), PARTITION, 0, NOW);
        assertThat(assembly.append(upload.chunk(0), NOW)).isEmpty();

        // when the upload is replayed from seq 0 and completed
        assembly.restart(0, NOW);
        for (UploadRecord.Chunk chunk : upload.chunks()) {
            assertThat(assembly.append(chunk, NOW)).isEmpty();
        }

        // then it matches its manifest byte for byte
        assertThat(assembly.verify(upload.manifest())).isEmpty();
        assertThat(store.size(assembly.publish(store).blobName())).isEqualTo(600);
    }

    @Test
    void verifyReportsMissingChunks() throws IOException {
        var upload = TestUpload.of("b", "k", 6, 100, 100);
        try (var assembly = UploadAssembly.open(store, upload.uploadId(), PARTITION, 0, NOW)) {
            assertThat(assembly.append(upload.chunk(0), NOW)).isEmpty();

            assertThat(assembly.verify(upload.manifest())).hasValueSatisfying(
                    reason -> assertThat(reason).contains("size 100 where manifest says 200"));
        }
    }

    @Test
    void verifyReportsWrongSha256() throws IOException {
        var upload = TestUpload.of("b", "k", 7, 100);
        try (var assembly = UploadAssembly.open(store, upload.uploadId(), PARTITION, 0, NOW)) {
            assertThat(assembly.append(upload.chunk(0), NOW)).isEmpty();

            assertThat(assembly.verify(upload.commitWithWrongSha256().manifest())).hasValueSatisfying(
                    reason -> assertThat(reason).startsWith("SHA-256"));
        }
    }

    @Test
    void discardDeletesTheStagingBlob() throws IOException {
        var upload = TestUpload.of("b", "k", 8, 100);
        var assembly = UploadAssembly.open(store, upload.uploadId(), PARTITION, 0, NOW);
        assertThat(assembly.append(upload.chunk(0), NOW)).isEmpty();

        assembly.discard(store);

        assertThat(store.size(BlobNames.staging(upload.uploadId().value()))).isEqualTo(-1);
    }
}
