package dev.blobpipe.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.archiver.testing.TestUpload;
import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.blobstore.fs.FilesystemBlobStore;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.UploadRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assembly of one upload: order, CRC, replay, the checks at commit, and where its bytes wait (memory or staging). */
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
        var assembly = staged(upload, 5);

        for (UploadRecord.Chunk chunk : upload.chunks()) {
            assertThat(assembly.append(chunk, NOW)).isEmpty();
        }

        assertThat(assembly.verify(upload.manifest())).isEmpty();
        ObjectLocation location = assembly.publish();
        assertThat(location).isEqualTo(ObjectLocation.wholeBlob(BlobNames.object(upload.uploadId().value()), 3003));
        assertThat(store.size(location.blobName())).isEqualTo(3003);
        assertThat(store.size(BlobNames.staging(upload.uploadId().value()))).isEqualTo(-1);
    }

    @Test
    void rejectsChunkWithBadCrc() throws IOException {
        var upload = TestUpload.of("b", "k", 2, 100, 100);
        try (var assembly = staged(upload, 0)) {
            assertThat(assembly.append(upload.chunk(0), NOW)).isEmpty();

            assertThat(assembly.append(upload.corruptedChunk(1), NOW)).hasValueSatisfying(
                    reason -> assertThat(reason).contains("CRC32C"));
        }
    }

    @Test
    void rejectsChunkOutOfSequence() throws IOException {
        var upload = TestUpload.of("b", "k", 3, 100, 100, 100);
        try (var assembly = staged(upload, 0)) {
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
        try (var assembly = staged(upload, 0)) {
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
        var assembly = staged(upload, 0);
        assertThat(assembly.append(upload.chunk(0), NOW)).isEmpty();

        // when the upload is replayed from seq 0 and completed
        assembly.restart(0, NOW);
        for (UploadRecord.Chunk chunk : upload.chunks()) {
            assertThat(assembly.append(chunk, NOW)).isEmpty();
        }

        // then it matches its manifest byte for byte
        assertThat(assembly.verify(upload.manifest())).isEmpty();
        assertThat(store.size(assembly.publish().blobName())).isEqualTo(600);
    }

    @Test
    void verifyReportsMissingChunks() throws IOException {
        var upload = TestUpload.of("b", "k", 6, 100, 100);
        try (var assembly = staged(upload, 0)) {
            assertThat(assembly.append(upload.chunk(0), NOW)).isEmpty();

            assertThat(assembly.verify(upload.manifest())).hasValueSatisfying(
                    reason -> assertThat(reason).contains("size 100 where manifest says 200"));
        }
    }

    @Test
    void verifyReportsWrongSha256() throws IOException {
        var upload = TestUpload.of("b", "k", 7, 100);
        try (var assembly = staged(upload, 0)) {
            assertThat(assembly.append(upload.chunk(0), NOW)).isEmpty();

            assertThat(assembly.verify(upload.commitWithWrongSha256().manifest())).hasValueSatisfying(
                    reason -> assertThat(reason).startsWith("SHA-256"));
        }
    }

    @Test
    void discardDeletesTheStagingBlob() throws IOException {
        var upload = TestUpload.of("b", "k", 8, 100);
        var assembly = staged(upload, 0);
        assertThat(assembly.append(upload.chunk(0), NOW)).isEmpty();

        assembly.discard();

        assertThat(store.size(BlobNames.staging(upload.uploadId().value()))).isEqualTo(-1);
    }

    @Test
    void smallUploadWaitsInMemoryAndIsPackedWithoutAStagingFile() throws IOException {
        var upload = TestUpload.of("b", "k", 9, 100);
        var held = new HeldBytes(1000);
        var assembly = UploadAssembly.open(store, upload.uploadId(), PARTITION, 0, NOW, held, 1000);
        assertThat(assembly.append(upload.chunk(0), NOW)).isEmpty();
        assertThat(held.heldBytes()).isEqualTo(100);

        assertThat(assembly.verify(upload.manifest())).isEmpty();
        assertThat(assembly.isPackable()).isTrue();
        ObjectLocation location;
        try (var packer = new SegmentPacker(store, "test-0", 1 << 20, Duration.ofMinutes(10), Clock.systemUTC())) {
            location = assembly.pack(packer, upload.manifest());
            packer.sync();
        }

        assertThat(BlobNames.isSegment(location.blobName())).isTrue();
        assertThat(read(location)).isEqualTo(upload.bytes());
        assertThat(store.size(BlobNames.staging(upload.uploadId().value()))).isEqualTo(-1);
        assertThat(held.heldBytes()).isZero();
    }

    @Test
    void secondChunkMovesTheHeldBytesToStaging() throws IOException {
        var upload = TestUpload.of("b", "k", 10, 100, 50);
        var held = new HeldBytes(1000);
        var assembly = UploadAssembly.open(store, upload.uploadId(), PARTITION, 0, NOW, held, 1000);

        for (UploadRecord.Chunk chunk : upload.chunks()) {
            assertThat(assembly.append(chunk, NOW)).isEmpty();
        }

        assertThat(held.heldBytes()).isZero();
        assertThat(assembly.verify(upload.manifest())).isEmpty();
        assertThat(assembly.isPackable()).isFalse();
        assertThat(read(assembly.publish())).isEqualTo(upload.bytes());
    }

    @Test
    void uploadBeyondTheHeldCapGoesToStaging() throws IOException {
        var upload = TestUpload.of("b", "k", 11, 100);
        var held = new HeldBytes(99);
        var assembly = UploadAssembly.open(store, upload.uploadId(), PARTITION, 0, NOW, held, 1000);

        assertThat(assembly.append(upload.chunk(0), NOW)).isEmpty();

        assertThat(held.heldBytes()).isZero();
        assertThat(store.size(BlobNames.staging(upload.uploadId().value()))).isEqualTo(100);
        assertThat(assembly.isPackable()).isFalse();
        assertThat(assembly.verify(upload.manifest())).isEmpty();
        assertThat(read(assembly.publish())).isEqualTo(upload.bytes());
    }

    @Test
    void discardReleasesHeldBytes() throws IOException {
        var upload = TestUpload.of("b", "k", 12, 100);
        var held = new HeldBytes(1000);
        var assembly = UploadAssembly.open(store, upload.uploadId(), PARTITION, 0, NOW, held, 1000);
        assertThat(assembly.append(upload.chunk(0), NOW)).isEmpty();

        assembly.discard();

        assertThat(held.heldBytes()).isZero();
    }

    /** An assembly that never packs: every byte goes through its staging blob. */
    private UploadAssembly staged(TestUpload upload, long firstOffset) throws IOException {
        return UploadAssembly.open(store, upload.uploadId(), PARTITION, firstOffset, NOW, new HeldBytes(0), 0);
    }

    private byte[] read(ObjectLocation location) throws IOException {
        try (InputStream in = store.openRead(location.blobName(), location.offset(), location.lengthBytes())) {
            return in.readAllBytes(); // test objects are a few hundred bytes
        }
    }
}
