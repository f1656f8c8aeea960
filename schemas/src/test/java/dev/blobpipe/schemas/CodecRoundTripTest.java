package dev.blobpipe.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class CodecRoundTripTest {

    private static final VersionId VERSION = new VersionId(1_700_000_000_123L, 7, 2);
    private static final UploadId UPLOAD = new UploadId("upload-1_A");

    @Test
    void chunkRoundTripsWithItsBytesAndHeaders() {
        byte[] payload = new byte[1 << 20];
        new Random(3).nextBytes(payload);
        var chunk = new UploadRecord.Chunk(UPLOAD, 5, 5L << 20, Crc32c.of(payload, 0, payload.length),
                ByteBuffer.wrap(payload));

        ProducerRecord<byte[], byte[]> produced = UploadRecordCodec.toProducerRecord(chunk);
        UploadRecord decoded = UploadRecordCodec.fromConsumerRecord(delivered(produced));

        assertThat(produced.topic()).isEqualTo(Topics.CHUNKS);
        assertThat(new String(produced.key(), StandardCharsets.UTF_8)).isEqualTo(UPLOAD.value());
        assertThat(decoded).isEqualTo(chunk);
        assertThat(((UploadRecord.Chunk) decoded).data().remaining()).isEqualTo(payload.length);
    }

    @Test
    void chunkSliceEncodesOnlyTheSlice() {
        byte[] backing = "xxhelloyy".getBytes(StandardCharsets.US_ASCII);
        var chunk = new UploadRecord.Chunk(UPLOAD, 0, 0, 0, ByteBuffer.wrap(backing, 2, 5).slice());

        ProducerRecord<byte[], byte[]> produced = UploadRecordCodec.toProducerRecord(chunk);

        assertThat(new String(produced.value(), StandardCharsets.US_ASCII)).isEqualTo("hello");
    }

    @Test
    void commitRoundTripsWithFullManifest() {
        var commit = new UploadRecord.Commit(UPLOAD, manifest(fullMetadata()));

        UploadRecord decoded = UploadRecordCodec.fromConsumerRecord(delivered(UploadRecordCodec.toProducerRecord(commit)));

        assertThat(decoded).isEqualTo(commit);
    }

    @Test
    void commitRoundTripsWithEmptyMetadata() {
        var commit = new UploadRecord.Commit(UPLOAD, manifest(ObjectMetadata.EMPTY));

        UploadRecord decoded = UploadRecordCodec.fromConsumerRecord(delivered(UploadRecordCodec.toProducerRecord(commit)));

        assertThat(decoded).isEqualTo(commit);
    }

    @Test
    void abortRoundTrips() {
        var abort = new UploadRecord.Abort(UPLOAD, "client disconnected: ünïcode");

        UploadRecord decoded = UploadRecordCodec.fromConsumerRecord(delivered(UploadRecordCodec.toProducerRecord(abort)));

        assertThat(decoded).isEqualTo(abort);
    }

    @Test
    void completeUploadRoundTripsWithItsBytesCrcAndManifest() {
        byte[] payload = new byte[4096];
        new Random(4).nextBytes(payload);
        var complete = new UploadRecord.CompleteUpload(UPLOAD, Crc32c.of(payload, 0, payload.length),
                ByteBuffer.wrap(payload), manifest(fullMetadata().withTags(Map.of("team", "a"))));

        ProducerRecord<byte[], byte[]> produced = UploadRecordCodec.toProducerRecord(complete);
        UploadRecord decoded = UploadRecordCodec.fromConsumerRecord(delivered(produced));

        assertThat(produced.value()).isEqualTo(payload); // the value stays the raw bytes, as a chunk's does
        assertThat(decoded).isEqualTo(complete);
        assertThat(((UploadRecord.CompleteUpload) decoded).manifest().metadata().tags()).containsEntry("team", "a");
    }

    @Test
    void completeUploadIsItsSeqZeroChunkThenItsCommit() {
        byte[] payload = "small".getBytes(StandardCharsets.US_ASCII);
        var complete = new UploadRecord.CompleteUpload(UPLOAD, Crc32c.of(payload, 0, payload.length),
                ByteBuffer.wrap(payload), manifest(ObjectMetadata.EMPTY));

        assertThat(complete.chunk()).isEqualTo(new UploadRecord.Chunk(UPLOAD, 0, 0, complete.crc32c(),
                ByteBuffer.wrap(payload)));
        assertThat(complete.commit()).isEqualTo(new UploadRecord.Commit(UPLOAD, complete.manifest()));
    }

    @Test
    void completeUploadMarkedWithAnEarlierFormatIsRejected() {
        byte[] payload = {1, 2, 3};
        ProducerRecord<byte[], byte[]> produced = UploadRecordCodec.toProducerRecord(new UploadRecord.CompleteUpload(
                UPLOAD, Crc32c.of(payload, 0, payload.length), ByteBuffer.wrap(payload), manifest(ObjectMetadata.EMPTY)));
        ConsumerRecord<byte[], byte[]> consumed = delivered(produced);
        consumed.headers().add(UploadRecordCodec.VERSION, new byte[] {2}); // lastHeader wins

        assertThatThrownBy(() -> UploadRecordCodec.fromConsumerRecord(consumed))
                .isInstanceOf(RecordFormatException.class);
    }

    @Test
    void onlyCompleteUploadsAreWrittenInTheNewFormatSoFormatTwoReadersKeepReadingChunks() {
        byte[] payload = {1, 2, 3};
        int crc = Crc32c.of(payload, 0, payload.length);

        assertThat(formatOf(new UploadRecord.Chunk(UPLOAD, 0, 0, crc, ByteBuffer.wrap(payload)))).isEqualTo(2);
        assertThat(formatOf(new UploadRecord.Commit(UPLOAD, manifest(ObjectMetadata.EMPTY)))).isEqualTo(2);
        assertThat(formatOf(new UploadRecord.Abort(UPLOAD, "x"))).isEqualTo(2);
        assertThat(formatOf(new UploadRecord.CompleteUpload(UPLOAD, crc, ByteBuffer.wrap(payload),
                manifest(ObjectMetadata.EMPTY)))).isEqualTo(3);
    }

    @Test
    void uploadRecordWithUnknownFormatVersionIsRejected() {
        ProducerRecord<byte[], byte[]> produced = UploadRecordCodec.toProducerRecord(new UploadRecord.Abort(UPLOAD, "x"));
        ConsumerRecord<byte[], byte[]> consumed = delivered(produced);
        consumed.headers().add(UploadRecordCodec.VERSION, new byte[] {99}); // lastHeader wins

        assertThatThrownBy(() -> UploadRecordCodec.fromConsumerRecord(consumed))
                .isInstanceOf(RecordFormatException.class);
    }

    @Test
    void objectCommittedRoundTrips() {
        var event = new ObjectEvent.ObjectCommitted(UPLOAD, manifest(fullMetadata()),
                new ObjectLocation("segments/0001.seg", 4096, 123));

        assertThat(roundTrip(event)).isEqualTo(event);
    }

    @Test
    void objectDeletedRoundTrips() {
        var event = new ObjectEvent.ObjectDeleted("bucket-a", "dir/key with spaces/ü", VERSION,
                Instant.ofEpochSecond(1_700_000_000L, 123_456_789));

        assertThat(roundTrip(event)).isEqualTo(event);
    }

    @Test
    void bucketCreatedRoundTrips() {
        var event = new ObjectEvent.BucketCreated("bucket-a", VERSION, Instant.ofEpochSecond(1_700_000_000L, 5),
                "us-east-1");

        assertThat(roundTrip(event)).isEqualTo(event);
    }

    @Test
    void objectMovedRoundTripsWithAKeyOfItsOwnPerMove() {
        var event = new ObjectEvent.ObjectMoved("bucket-a", "logs/ü.txt", VERSION, new ObjectLocation("segments/a-0", 4096, 123),
                new ObjectLocation("segments/compacted-7", 20, 123));

        assertThat(roundTrip(event)).isEqualTo(event);
        var again = new ObjectEvent.ObjectMoved("bucket-a", "logs/ü.txt", new VersionId(VERSION.physicalMillis() + 1, 0, 1), event.from(),
                event.to());
        assertThat(EventCodec.recordKey(again)).isNotEqualTo(EventCodec.recordKey(event));
    }

    @Test
    void bucketDeletedRoundTrips() {
        var event = new ObjectEvent.BucketDeleted("bucket-a", VERSION);

        assertThat(roundTrip(event)).isEqualTo(event);
    }

    @Test
    void partCommitRoundTripsWithItsPartMarker() {
        ObjectManifest whole = manifest(fullMetadata());
        var part = new ObjectManifest(whole.bucket(), whole.key(), VERSION, whole.sizeBytes(), whole.chunkCount(),
                whole.md5Hex(), whole.sha256Hex(), whole.lastModified(), whole.metadata(),
                new PartOf(new UploadId("mpu-1"), 42), 0);
        var event = new ObjectEvent.ObjectCommitted(UPLOAD, part, ObjectLocation.wholeBlob("objects/u", 3L << 20));

        assertThat(roundTrip(event)).isEqualTo(event);
        assertThat(EventCodec.recordKey(event)).isNotEqualTo(EventCodec.recordKey(
                new ObjectEvent.ObjectCommitted(UPLOAD, whole, event.location())));
    }

    @Test
    void multipartEventsRoundTrip() {
        ObjectManifest whole = manifest(fullMetadata());
        var completedManifest = new ObjectManifest(whole.bucket(), whole.key(), VERSION, 12, 0, whole.md5Hex(),
                whole.sha256Hex(), whole.lastModified(), whole.metadata(), null, 2);
        var mpu = new UploadId("mpu-1");

        assertThat(roundTrip(new ObjectEvent.MultipartStarted(mpu, "b", "k", VERSION, Instant.ofEpochSecond(5),
                fullMetadata()))).isEqualTo(new ObjectEvent.MultipartStarted(mpu, "b", "k", VERSION,
                        Instant.ofEpochSecond(5), fullMetadata()));
        var completed = new ObjectEvent.MultipartCompleted(mpu, completedManifest, java.util.List.of(
                new Extent(1, ObjectLocation.wholeBlob("objects/p1", 5)),
                new Extent(3, new ObjectLocation("objects/p3", 2, 7))));
        assertThat(roundTrip(completed)).isEqualTo(completed);
        assertThat(completedManifest.etag()).isEqualTo("\"" + whole.md5Hex() + "-2\"");
        var aborted = new ObjectEvent.MultipartAborted(mpu, "b", "k", VERSION);
        assertThat(roundTrip(aborted)).isEqualTo(aborted);
    }

    @Test
    void manifestRoundTripsWithConditionAndTags() {
        ObjectManifest whole = manifest(fullMetadata().withTags(Map.of("project", "blue", "tier", "")));
        var conditional = new UploadRecord.Commit(UPLOAD, whole.withCondition(WriteCondition.ifMatch("\"abc-2\"")));
        var absent = new UploadRecord.Commit(UPLOAD, whole.withCondition(WriteCondition.ifNoneMatchAny()));

        assertThat(UploadRecordCodec.fromConsumerRecord(delivered(UploadRecordCodec.toProducerRecord(conditional))))
                .isEqualTo(conditional);
        assertThat(UploadRecordCodec.fromConsumerRecord(delivered(UploadRecordCodec.toProducerRecord(absent))))
                .isEqualTo(absent);
    }

    @Test
    void copyCorsAndTaggingEventsRoundTrip() {
        ObjectManifest whole = manifest(fullMetadata());
        var copiedWhole = new ObjectEvent.ObjectCopied(whole, ObjectLocation.wholeBlob("objects/a", 3L << 20),
                java.util.List.of());
        var copiedParts = new ObjectEvent.ObjectCopied(whole, null,
                java.util.List.of(new Extent(1, ObjectLocation.wholeBlob("objects/p1", 5))));
        var cors = new ObjectEvent.BucketCorsSet("b", VERSION, java.util.List.of(new CorsRule("r1",
                java.util.List.of("https://app.example"), java.util.List.of("GET", "PUT"), java.util.List.of("*"),
                java.util.List.of("ETag"), 600)));
        var tags = new ObjectEvent.ObjectTagsSet("b", "k", VERSION, new VersionId(VERSION.physicalMillis() + 1, 0, 2),
                Map.of("env", "prod"));

        assertThat(roundTrip(copiedWhole)).isEqualTo(copiedWhole);
        assertThat(roundTrip(copiedParts)).isEqualTo(copiedParts);
        assertThat(roundTrip(cors)).isEqualTo(cors);
        assertThat(roundTrip(new ObjectEvent.BucketCorsSet("b", VERSION, java.util.List.of())))
                .isEqualTo(new ObjectEvent.BucketCorsSet("b", VERSION, java.util.List.of()));
        assertThat(roundTrip(tags)).isEqualTo(tags);
    }

    @Test
    void lifecycleConfigurationRoundTripsWithEveryRuleShape() {
        var rules = java.util.List.of(
                new LifecycleRule("logs", true, "logs/", Map.of(), false, 30, 0),
                new LifecycleRule("", false, "", Map.of(), false, 0, 7),
                new LifecycleRule("tagged ü", true, "backups/", Map.of("keep", "short", "tier", "cold"), false, 90, 3),
                new LifecycleRule("old", true, "tmp/", Map.of(), true, 1, 1));
        var set = new ObjectEvent.BucketLifecycleSet("b", VERSION, rules);
        var deleted = new ObjectEvent.BucketLifecycleSet("b", VERSION, java.util.List.of());

        assertThat(roundTrip(set)).isEqualTo(set);
        assertThat(roundTrip(deleted)).isEqualTo(deleted);
        assertThat(EventCodec.recordKey(set)).isNotEqualTo(EventCodec.recordKey(
                new ObjectEvent.BucketCorsSet("b", VERSION, java.util.List.of())));
    }

    @Test
    void objectExpiredRoundTripsKeyedLikeTheKeysOtherVersions() {
        VersionId expiry = new VersionId(VERSION.physicalMillis() + 5, 0, 0xFFFF);
        var event = new ObjectEvent.ObjectExpired("b", "logs/2024/ü.gz", expiry, VERSION,
                Instant.ofEpochSecond(1_700_000_000L, 42_000));

        assertThat(roundTrip(event)).isEqualTo(event);
        assertThat(EventCodec.recordKey(event)).isEqualTo(EventCodec.recordKey(
                new ObjectEvent.ObjectDeleted("b", "logs/2024/ü.gz", expiry, event.at())));
    }

    @Test
    void expiryNotAfterTheExpiredVersionIsRefused() {
        assertThatThrownBy(() -> new ObjectEvent.ObjectExpired("b", "k", VERSION, VERSION, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writeConditionsDecideOnTheCurrentEtag() {
        assertThat(WriteCondition.ifNoneMatchAny().allows(null)).isTrue();
        assertThat(WriteCondition.ifNoneMatchAny().allows("\"a\"")).isFalse();
        assertThat(WriteCondition.ifMatch("\"a\"").allows("\"a\"")).isTrue();
        assertThat(WriteCondition.ifMatch("\"a\"").allows("\"b\"")).isFalse();
        assertThat(WriteCondition.ifMatch("\"a\"").allows(null)).isFalse();
    }

    @Test
    void formatOneCommitWithoutMultipartFieldsStillDecodes() {
        // given: a commit written before the multipart fields existed (format 1 ends after the metadata)
        var commit = new UploadRecord.Commit(UPLOAD, manifest(fullMetadata()));
        ProducerRecord<byte[], byte[]> produced = UploadRecordCodec.toProducerRecord(commit);
        // format 2 appended: no part marker (1 byte), part count (4), no condition (1), empty tags (4)
        byte[] formatOne = java.util.Arrays.copyOf(produced.value(), produced.value().length - 1 - 4 - 1 - 4);
        var consumed = new ConsumerRecord<>(Topics.CHUNKS, 0, 0L, produced.key(), formatOne);
        produced.headers().forEach(header -> consumed.headers().add(header));
        consumed.headers().add(UploadRecordCodec.VERSION, new byte[] {1}); // lastHeader wins

        // when / then
        assertThat(UploadRecordCodec.fromConsumerRecord(consumed)).isEqualTo(commit);
    }

    @Test
    void eventTombstoneDecodesToNull() {
        var tombstone = new ConsumerRecord<byte[], byte[]>(Topics.EVENTS, 0, 0L, new byte[] {1}, null);

        assertThat(EventCodec.fromConsumerRecord(tombstone)).isNull();
    }

    @Test
    void eventRecordKeysDifferPerVersionOfOneKey() {
        var first = new ObjectEvent.ObjectDeleted("b", "k", VERSION, Instant.EPOCH);
        var second = new ObjectEvent.ObjectDeleted("b", "k", new VersionId(VERSION.physicalMillis() + 1, 0, 2),
                Instant.EPOCH);

        assertThat(EventCodec.recordKey(first)).isNotEqualTo(EventCodec.recordKey(second));
    }

    @Test
    void truncatedEventIsRejected() {
        ProducerRecord<byte[], byte[]> produced = EventCodec.toProducerRecord(new ObjectEvent.BucketDeleted("b", VERSION));
        byte[] truncated = java.util.Arrays.copyOf(produced.value(), produced.value().length - 3);
        var consumed = new ConsumerRecord<>(Topics.EVENTS, 0, 0L, produced.key(), truncated);
        produced.headers().forEach(header -> consumed.headers().add(header));

        assertThatThrownBy(() -> EventCodec.fromConsumerRecord(consumed)).isInstanceOf(RecordFormatException.class);
    }

    private static int formatOf(UploadRecord record) {
        return UploadRecordCodec.toProducerRecord(record).headers().lastHeader(UploadRecordCodec.VERSION).value()[0];
    }

    private static ObjectEvent roundTrip(ObjectEvent event) {
        ProducerRecord<byte[], byte[]> produced = EventCodec.toProducerRecord(event);
        assertThat(produced.topic()).isEqualTo(Topics.EVENTS);
        assertThat(produced.key()).isEqualTo(EventCodec.recordKey(event));
        return EventCodec.fromConsumerRecord(delivered(produced));
    }

    /** What a consumer would receive for {@code produced}: same key, value and headers. */
    private static ConsumerRecord<byte[], byte[]> delivered(ProducerRecord<byte[], byte[]> produced) {
        var consumed = new ConsumerRecord<>(produced.topic(), 0, 0L, produced.key(), produced.value());
        produced.headers().forEach(header -> consumed.headers().add(header));
        return consumed;
    }

    private static ObjectManifest manifest(ObjectMetadata metadata) {
        return new ObjectManifest("bucket-a", "path/to/ключ.txt", VERSION, 3L << 20, 3,
                "0123456789abcdef0123456789abcdef",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                Instant.ofEpochSecond(1_700_000_000L, 999_999_999), metadata);
    }

    private static ObjectMetadata fullMetadata() {
        return new ObjectMetadata("text/plain; charset=utf-8", "gzip", "attachment; filename=\"a.txt\"",
                "max-age=60", "Wed, 21 Oct 2015 07:28:00 GMT",
                Map.of("owner", "alice", "empty", ""),
                Map.of("CRC32C", "yZRlqg==", "SHA256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="));
    }
}
