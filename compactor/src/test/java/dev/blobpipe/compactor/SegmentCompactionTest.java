package dev.blobpipe.compactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.blobstore.pack.PackSegmentScanner;
import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.catalog.testing.Events;
import dev.blobpipe.compactor.testing.CompactorFixture;
import dev.blobpipe.compactor.testing.PackedObjects;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.config.ConfigValues;
import java.io.RandomAccessFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Segment compaction on real pack segments, a real catalog, the events topic and the real indexer: sparse segments
 * are rewritten and their objects read back identical, dead ones deleted after the grace period, and neither an
 * overwrite racing a move, a corrupt frame, nor a sweep failing half-way loses or corrupts a byte.
 */
class SegmentCompactionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = CompactorConfig.SEGMENT_MIN_AGE.defaultValue().plusMinutes(10);
    private static final Duration PAST_GRACE = CompactorConfig.GC_GRACE.defaultValue().plusMinutes(1);
    private static final String BUCKET = "logs";
    private static final String SEGMENT = "archiver-1-0-abcd1234-0";

    private CompactorFixture fixture;
    private Compactor compactor;

    @BeforeEach
    void setUp() {
        fixture = new CompactorFixture();
        compactor = fixture.compactor();
        fixture.startIndexer();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void segmentWithHalfItsObjectsOverwrittenIsRewrittenAndReadsBackIdentical() throws Exception {
        // given
        Map<String, ObjectEvent.ObjectCommitted> live = sparseQuietSegment(10);

        // when
        SweepSummary sweep = compactor.sweep();
        awaitMovedOut(live.keySet());

        // then
        assertThat(sweep.segmentsRewritten()).isEqualTo(1);
        assertThat(sweep.bytesCopied()).isPositive();
        for (var original : live.values()) {
            ObjectLocation now = location(original.manifest().key());
            assertThat(now.blobName()).startsWith("segments/compactor-" + CompactorConfig.NODE_ID.defaultValue());
            assertThat(fixture.read(now)).isEqualTo(PackedObjects.payload(original.manifest().key(),
                    original.versionId()));
        }
        assertThat(fixture.exists(segment())).as("old segment kept within the grace period").isTrue();
    }

    @Test
    void rewrittenSegmentIsDeletedAfterTheGracePeriodAndNotBefore() throws Exception {
        // given: a rewrite whose moves the indexer applied
        Map<String, ObjectEvent.ObjectCommitted> live = sparseQuietSegment(10);
        long size = fixture.blobs().size(segment());
        compactor.sweep();
        awaitMovedOut(live.keySet());

        // when
        SweepSummary withinGrace = compactor.sweep();
        fixture.clock().advance(PAST_GRACE);
        SweepSummary pastGrace = compactor.sweep();

        // then
        assertThat(withinGrace.segmentsDeleted()).isZero();
        assertThat(pastGrace.segmentsDeleted()).isEqualTo(1);
        assertThat(pastGrace.bytesReclaimed()).isEqualTo(size);
        assertThat(fixture.exists(segment())).isFalse();
        assertThat(fixture.catalogFixture().deadBlobs()).noneMatch(dead -> dead.location().blobName()
                .equals(segment()));
        for (var original : live.values()) {
            assertThat(fixture.read(location(original.manifest().key())))
                    .isEqualTo(PackedObjects.payload(original.manifest().key(), original.versionId()));
        }
    }

    @Test
    void secondSweepAfterEverythingChangesNothing() throws Exception {
        // given: rewritten, moves applied, old segment deleted
        Map<String, ObjectEvent.ObjectCommitted> live = sparseQuietSegment(10);
        compactor.sweep();
        awaitMovedOut(live.keySet());
        fixture.clock().advance(PAST_GRACE);
        assertThat(compactor.sweep().segmentsDeleted()).isEqualTo(1);
        List<String> segments = segmentNames();

        // when
        SweepSummary again = compactor.sweep();

        // then
        assertThat(again.changedAnything()).isFalse();
        assertThat(segmentNames()).isEqualTo(segments);
    }

    @Test
    void segmentYoungerThanTheMinimumAgeIsLeftAlone() throws Exception {
        // given: a sparse segment last written 30 minutes ago, and an unreferenced one as young
        sparseQuietSegment(10);
        fixture.makeQuiet(segment(), Duration.ofMinutes(30));
        var orphan = PackedObjects.pack(fixture.blobs(), "archiver-2-0-ffff0000-0", BUCKET, List.of("x", "y"));
        String orphanSegment = orphan.get(0).location().blobName();
        fixture.makeQuiet(orphanSegment, Duration.ofMinutes(30));

        // when
        SweepSummary sweep = compactor.sweep();

        // then
        assertThat(sweep.segmentsRewritten()).isZero();
        assertThat(sweep.segmentsDeleted()).isZero();
        assertThat(fixture.exists(orphanSegment)).isTrue();
        assertThat(segmentNames()).noneMatch(name -> name.contains("compactor-"));
    }

    @Test
    void quietSegmentNothingReferencesIsDeleted() throws Exception {
        // given: frames whose transaction never committed (or a compactor crashed before publishing its moves)
        var orphan = PackedObjects.pack(fixture.blobs(), "compactor-9-00000000-0", BUCKET, List.of("x", "y"));
        String orphanSegment = orphan.get(0).location().blobName();
        fixture.makeQuiet(orphanSegment, QUIET);

        // when
        SweepSummary sweep = compactor.sweep();

        // then
        assertThat(sweep.segmentsDeleted()).isEqualTo(1);
        assertThat(fixture.exists(orphanSegment)).isFalse();
    }

    @Test
    void overwriteAppliedBetweenTheScanAndTheMoveWins() throws Exception {
        // given: a compactor that lets an overwrite of one live key through just before it publishes its moves
        Map<String, ObjectEvent.ObjectCommitted> live = sparseQuietSegment(10);
        String raced = live.keySet().iterator().next();
        var overwrite = Events.committed(BUCKET, raced, Events.nextVersion());
        fixture.writeBlob(overwrite.location());
        Compactor racing = compactor(publisher -> moves -> {
            fixture.events().publish(overwrite);
            Await.until(WAIT, "the overwrite applied", () -> location(raced).equals(overwrite.location()));
            publisher.publish(moves);
        });

        // when
        SweepSummary sweep = racing.sweep();
        List<String> others = live.keySet().stream().filter(key -> !key.equals(raced)).toList();
        awaitMovedOut(others);
        Await.until(WAIT, "the old segment's dead rows recorded", () -> fixture.catalogFixture().deadBlobs().stream()
                .filter(dead -> dead.location().blobName().equals(segment())).count() == 10);

        // then: the overwrite stays, the other objects moved
        assertThat(sweep.segmentsRewritten()).isEqualTo(1);
        assertThat(location(raced)).isEqualTo(overwrite.location());
        assertThat(fixture.catalog().object(BUCKET, raced).orElseThrow().manifest().versionId())
                .isEqualTo(overwrite.versionId());
    }

    @Test
    void corruptFrameIsNotCopiedAndKeepsItsSegment() throws Exception {
        // given: one live frame with a flipped payload byte
        Map<String, ObjectEvent.ObjectCommitted> live = sparseQuietSegment(10);
        var corrupt = live.values().iterator().next();
        flipByte(corrupt.location());
        fixture.makeQuiet(segment(), QUIET);

        // when
        SweepSummary sweep = compactor.sweep();
        List<String> others = live.keySet().stream().filter(key -> !key.equals(corrupt.manifest().key())).toList();
        awaitMovedOut(others);
        fixture.clock().advance(PAST_GRACE);
        SweepSummary later = compactor.sweep();

        // then: the corrupt range is where it was, no copy of it exists, and its segment stays
        assertThat(sweep.segmentsRewritten()).isEqualTo(1);
        assertThat(location(corrupt.manifest().key())).isEqualTo(corrupt.location());
        String newSegment = location(others.get(0)).blobName();
        List<PackSegmentScanner.ScannedFrame> copied = new ArrayList<>();
        var scan = PackSegmentScanner.scan(fixture.blobs(), newSegment, copied::add);
        assertThat(scan.corruptPayloads()).isZero();
        assertThat(copied).extracting(frame -> frame.frame().key()).containsExactlyInAnyOrderElementsOf(others);
        assertThat(later.segmentsDeleted()).isZero();
        assertThat(fixture.exists(segment())).isTrue();
    }

    @Test
    void sweepFailingAfterSomeMovesIsFinishedByTheNextSweep() throws Exception {
        // given: a sweep that crashes after publishing two of its moves
        Map<String, ObjectEvent.ObjectCommitted> live = sparseQuietSegment(10);
        Compactor crashing = compactor(publisher -> moves -> {
            publisher.publish(moves.subList(0, 2));
            throw new UnableToPublishException("injected crash after two moves", null);
        });
        assertThatThrownBy(crashing::sweep).isInstanceOf(UnableToPublishException.class);
        Await.until(WAIT, "two moves applied", () -> live.keySet().stream()
                .filter(key -> !location(key).blobName().equals(segment())).count() == 2);

        // when
        SweepSummary finishing = compactor.sweep();
        awaitMovedOut(live.keySet());
        fixture.clock().advance(PAST_GRACE);
        SweepSummary deleting = compactor.sweep();

        // then
        assertThat(finishing.segmentsRewritten()).isEqualTo(1);
        assertThat(deleting.segmentsDeleted()).isEqualTo(1);
        assertThat(fixture.exists(segment())).isFalse();
        for (var original : live.values()) {
            assertThat(fixture.read(location(original.manifest().key())))
                    .isEqualTo(PackedObjects.payload(original.manifest().key(), original.versionId()));
        }
    }

    @Test
    void errorInAScheduledSweepEndsTheSweepsAndIsReported() throws Exception {
        // given: scheduled sweeps every second, the first of which meets an Error while publishing its moves
        sparseQuietSegment(10);
        var injected = new Error("injected error in a scheduled sweep");
        Compactor failing = compactor(CompactorConfig.from(ConfigValues.empty().with(CompactorConfig.INTERVAL.name(),
                "PT1S")), publisher -> moves -> {
                    throw injected;
                });

        // when
        failing.start();
        assertThat(failing.isRunning()).isTrue();

        // then: the executor would keep the Error to itself; the compactor tells it stopped, and why
        Await.until(WAIT, "scheduled sweeps ended by the error", () -> !failing.isRunning());
        assertThat(failing.failure()).containsSame(injected);
    }

    /**
     * A quiet segment of {@code objects} objects of one size, every second one overwritten by a whole blob (so,
     * headers counted, under half of it is live); returns the live ones by key.
     */
    private Map<String, ObjectEvent.ObjectCommitted> sparseQuietSegment(int objects) throws Exception {
        List<String> keys = IntStream.range(0, objects).mapToObj(index -> "app/" + index + ".log").toList();
        var packed = PackedObjects.pack(fixture.blobs(), SEGMENT, BUCKET, keys);
        List<ObjectEvent> events = new ArrayList<>(packed);
        Map<String, ObjectEvent.ObjectCommitted> live = new java.util.LinkedHashMap<>();
        for (int index = 0; index < objects; index++) {
            if (index % 2 == 0) {
                var overwrite = Events.committed(BUCKET, keys.get(index), Events.nextVersion());
                fixture.writeBlob(overwrite.location());
                events.add(overwrite);
            } else {
                live.put(keys.get(index), packed.get(index));
            }
        }
        fixture.events().publish(events.toArray(ObjectEvent[]::new));
        Await.until(WAIT, "the segment's objects and overwrites indexed", () -> keys.stream().allMatch(key -> {
            var stored = fixture.catalog().object(BUCKET, key).map(StoredObject::location);
            return stored.isPresent() && BlobNames.isSegment(stored.get().blobName()) == live.containsKey(key);
        }));
        fixture.makeQuiet(segment(), QUIET);
        return live;
    }

    private Compactor compactor(UnaryOperator<MovePublisher> wrapping) {
        return compactor(CompactorConfig.defaults(), wrapping);
    }

    private Compactor compactor(CompactorConfig config, UnaryOperator<MovePublisher> wrapping) {
        return fixture.own(new Compactor(fixture.catalogFixture().database(), fixture.blobs(),
                fixture.bootstrapServers(), fixture.events().name(), config, fixture.clock(), wrapping));
    }

    private void awaitMovedOut(java.util.Collection<String> keys) {
        Await.until(WAIT, "every live object moved out of " + segment(), () -> keys.stream()
                .noneMatch(key -> location(key).blobName().equals(segment())));
    }

    private ObjectLocation location(String key) {
        return fixture.catalog().object(BUCKET, key).orElseThrow().location();
    }

    private void flipByte(ObjectLocation location) throws Exception {
        try (var file = new RandomAccessFile(fixture.blobRoot().resolve(location.blobName()).toFile(), "rw")) {
            file.seek(location.offset() + location.lengthBytes() / 2);
            int value = file.read();
            file.seek(location.offset() + location.lengthBytes() / 2);
            file.write(value ^ 0xFF);
        }
    }

    private List<String> segmentNames() throws Exception {
        return fixture.blobs().list("segments/").stream().map(info -> info.name()).collect(Collectors.toList());
    }

    private static String segment() {
        return BlobNames.segment(SEGMENT);
    }
}
