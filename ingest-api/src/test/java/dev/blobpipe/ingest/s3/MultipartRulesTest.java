package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.catalog.PartInfo;
import dev.blobpipe.ingest.s3.CompleteMultipartXml.ChosenPart;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.PartOf;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What CompleteMultipartUpload checks before it publishes anything. */
class MultipartRulesTest {
    private static final UploadId UPLOAD = new UploadId("u1");
    private static final long MIB = 1 << 20;

    @Test
    void ascendingPartNumbersWithGapsAreAccepted() {
        assertThatCode(() -> MultipartHandler.requireAscending(
                List.of(new ChosenPart(1, "a"), new ChosenPart(3, "b"), new ChosenPart(10, "c"))))
                .doesNotThrowAnyException();
    }

    @Test
    void descendingOrRepeatedPartNumbersAreInvalidPartOrder() {
        assertThatThrownBy(() -> MultipartHandler.requireAscending(
                List.of(new ChosenPart(2, "a"), new ChosenPart(1, "b"))))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_PART_ORDER));
        assertThatThrownBy(() -> MultipartHandler.requireAscending(
                List.of(new ChosenPart(1, "a"), new ChosenPart(1, "a"))))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_PART_ORDER));
    }

    @Test
    void chosenPartsMatchStoredPartsByNumberAndEtagIgnoringCase() {
        PartInfo one = part(1, 6 * MIB, "ab".repeat(16));
        PartInfo two = part(2, 10, "cd".repeat(16));

        List<PartInfo> matched = MultipartHandler.matchParts(
                List.of(new ChosenPart(1, "AB".repeat(16)), new ChosenPart(2, "cd".repeat(16))),
                Map.of(1, one, 2, two));

        assertThat(matched).containsExactly(one, two);
    }

    @Test
    void missingPartOrWrongEtagIsInvalidPart() {
        Map<Integer, PartInfo> stored = Map.of(1, part(1, 10, "ab".repeat(16)));

        assertThatThrownBy(() -> MultipartHandler.matchParts(List.of(new ChosenPart(2, "ab".repeat(16))), stored))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_PART));
        assertThatThrownBy(() -> MultipartHandler.matchParts(List.of(new ChosenPart(1, "ef".repeat(16))), stored))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_PART));
    }

    @Test
    void onlyTheLastPartMayBeUnderFiveMebibytes() {
        List<PartInfo> shortLast = List.of(part(1, 5 * MIB, "ab".repeat(16)), part(2, 1, "cd".repeat(16)));
        List<PartInfo> shortFirst = List.of(part(1, 5 * MIB - 1, "ab".repeat(16)), part(2, 5 * MIB, "cd".repeat(16)));

        assertThatCode(() -> MultipartHandler.requirePartSizes(shortLast, MultipartHandler.MIN_PART_BYTES))
                .doesNotThrowAnyException();
        assertThatCode(() -> MultipartHandler.requirePartSizes(List.of(part(1, 0, "ab".repeat(16))),
                MultipartHandler.MIN_PART_BYTES)).doesNotThrowAnyException();
        assertThatThrownBy(() -> MultipartHandler.requirePartSizes(shortFirst, MultipartHandler.MIN_PART_BYTES))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.ENTITY_TOO_SMALL));
    }

    @Test
    void checksumAlgorithmIsUpperCasedAndUnknownOnesRefused() {
        assertThat(MultipartHandler.checksumAlgorithm("crc32c")).isEqualTo("CRC32C");
        assertThat(MultipartHandler.checksumAlgorithm((String) null)).isNull();
        assertThatThrownBy(() -> MultipartHandler.checksumAlgorithm("MD5"))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_REQUEST));
    }

    @Test
    void locationIsPathOrVirtualHostStyleWithTheKeyEncoded() {
        assertThat(MultipartHandler.location("localhost:9000", "bkt", "a b/c+d"))
                .isEqualTo("http://localhost:9000/bkt/a%20b/c%2Bd");
        assertThat(MultipartHandler.location("bkt.s3.test", "bkt", "k")).isEqualTo("http://bkt.s3.test/k");
    }

    private static PartInfo part(int number, long size, String md5Hex) {
        var manifest = new ObjectManifest("b", "k", new VersionId(1, number, 0), size, 1, md5Hex, "0".repeat(64),
                Instant.EPOCH, ObjectMetadata.EMPTY, new PartOf(UPLOAD, number), 0);
        return new PartInfo(number, manifest, ObjectLocation.wholeBlob("p" + number, size));
    }
}
