package dev.blobpipe.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.archiver.testing.TestUpload;
import dev.blobpipe.blobstore.fs.FilesystemBlobStore;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.UploadRecord;
import dev.blobpipe.schemas.UploadRecordCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offset rule and the replay rules, without Kafka: records are fed by hand at chosen offsets. */
class ChunkAssemblerTest {
    private static final TopicPartition PARTITION = new TopicPartition("chunks", 0);
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path root;
    private final List<ObjectEvent.ObjectCommitted> events = new ArrayList<>();
    private SegmentPacker packer;
    private ChunkAssembler assembler;
    private long nextOffset;

    @BeforeEach
    void createAssembler() throws IOException {
        var store = new FilesystemBlobStore(root);
        packer = new SegmentPacker(store, "test-0", 1 << 20, Duration.ofMinutes(10), Clock.systemUTC());
        assembler = new ChunkAssembler(store, Duration.ofMinutes(1),
                new ChunkAssembler.Packing(packer, new HeldBytes(1 << 20), 1 << 20), events::add, uploadId -> { });
        assembler.assigned(PARTITION, ReplayCheckpoint.NONE);
    }

    @AfterEach
    void closePacker() throws IOException {
        packer.close();
    }

    @Test
    void committedOffsetStaysAtTheFirstChunkOfTheOldestOpenUpload() throws IOException {
        var open = TestUpload.of("b", "open", 1, 10, 10);
        var done = TestUpload.of("b", "done", 2, 10);

        feed(open.chunk(0), done.chunk(0), done.commit(), open.chunk(1));

        var checkpoint = assembler.checkpoints(partition -> nextOffset).get(PARTITION);
        assertThat(checkpoint.offset()).isZero();
        assertThat(checkpoint.finished()).isEqualTo(Map.of(done.uploadId(), 1L));
        assertThat(events).hasSize(1);
    }

    @Test
    void committedOffsetIsThePositionWhenNothingIsOpen() throws IOException {
        var done = TestUpload.of("b", "done", 3, 10);

        feed(done.chunk(0), done.commit());

        var checkpoint = assembler.checkpoints(partition -> nextOffset).get(PARTITION);
        assertThat(checkpoint.offset()).isEqualTo(2);
        assertThat(checkpoint.finished()).isEmpty();
    }

    @Test
    void replayFromCheckpointRepublishesNothingFinishedAndCompletesTheOpenUpload() throws IOException {
        // given the checkpoint committed while "open" was open and "done" finished behind it
        var open = TestUpload.of("b", "open", 4, 10, 10);
        var done = TestUpload.of("b", "done", 5, 10);
        feed(open.chunk(0), done.chunk(0), done.commit(), open.chunk(1));
        var checkpoint = ReplayCheckpoint.decode(0,
                assembler.checkpoints(partition -> nextOffset).get(PARTITION).encode());
        events.clear();

        // when a fresh assembler replays the partition from it, and the open upload's commit follows
        assembler.closeAll();
        assembler.assigned(PARTITION, checkpoint);
        nextOffset = 0;
        feed(open.chunk(0), done.chunk(0), done.commit(), open.chunk(1), open.commit());

        // then only the open upload is published
        assertThat(events).extracting(ObjectEvent.ObjectCommitted::uploadId).containsExactly(open.uploadId());
    }

    @Test
    void recordsOfAnUploadStartedBeforeTheOffsetAreIgnored() throws IOException {
        var earlier = TestUpload.of("b", "earlier", 6, 10, 10);

        feed(earlier.chunk(1), earlier.commit());

        assertThat(events).isEmpty();
        assertThat(assembler.checkpoints(partition -> nextOffset).get(PARTITION).offset()).isEqualTo(2);
    }

    @Test
    void idleUploadIsExpiredAndNoLongerHoldsTheOffset() throws IOException {
        var idle = TestUpload.of("b", "idle", 7, 10, 10);
        feed(idle.chunk(0));

        assertThat(assembler.hasIdle(NOW.plus(Duration.ofSeconds(59)))).isFalse();
        assembler.expireIdle(NOW.plus(Duration.ofMinutes(2)));

        assertThat(assembler.checkpoints(partition -> nextOffset).get(PARTITION).offset()).isEqualTo(1);
    }

    @Test
    void completeUploadIsPackedAndNeverHoldsTheOffset() throws IOException {
        var small = TestUpload.of("b", "small", 8, 4096);

        feed(small.complete());

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.uploadId()).isEqualTo(small.uploadId());
            assertThat(event.manifest()).isEqualTo(small.manifest());
            assertThat(event.location().lengthBytes()).isEqualTo(4096);
        });
        var checkpoint = assembler.checkpoints(partition -> nextOffset).get(PARTITION);
        assertThat(checkpoint.offset()).isEqualTo(1);
        assertThat(checkpoint.finished()).isEmpty();
    }

    @Test
    void completeUploadBehindAnOpenOneIsListedFinishedAndNotRepublishedOnReplay() throws IOException {
        // given a complete upload between the chunks of an open one, checkpointed
        var open = TestUpload.of("b", "open", 9, 10, 10);
        var small = TestUpload.of("b", "small", 10, 10);
        feed(open.chunk(0), small.complete(), open.chunk(1));
        var committed = assembler.checkpoints(partition -> nextOffset).get(PARTITION);
        assertThat(committed.offset()).isZero();
        assertThat(committed.finished()).isEqualTo(Map.of(small.uploadId(), 1L));
        var checkpoint = ReplayCheckpoint.decode(0, committed.encode());
        events.clear();

        // when a fresh assembler replays the partition from it, and the open upload's commit follows
        assembler.closeAll();
        assembler.assigned(PARTITION, checkpoint);
        nextOffset = 0;
        feed(open.chunk(0), small.complete(), open.chunk(1), open.commit());

        // then only the open upload is published
        assertThat(events).extracting(ObjectEvent.ObjectCommitted::uploadId).containsExactly(open.uploadId());
    }

    @Test
    void completeUploadWithBadCrcOrWrongDigestIsRejectedAndLeavesNothingOpen() throws IOException {
        var corrupted = TestUpload.of("b", "corrupted", 11, 100);
        var wrong = TestUpload.of("b", "wrong", 12, 100);

        feed(corrupted.corruptedComplete(), wrong.completeWithWrongSha256());

        assertThat(events).isEmpty();
        assertThat(assembler.checkpoints(partition -> nextOffset).get(PARTITION).offset()).isEqualTo(2);
    }

    private void feed(UploadRecord... records) throws IOException {
        for (UploadRecord upload : records) {
            var standard = UploadRecordCodec.toProducerRecord(upload);
            var record = new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), nextOffset++, standard.key(),
                    standard.value());
            standard.headers().forEach(header -> record.headers().add(header));
            assembler.handle(record, NOW);
        }
    }
}
