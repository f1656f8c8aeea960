package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.schemas.Extent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.VersionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** GET ?partNumber=N: which bytes of an object part N is. */
class PartRangeTest {
    private static final String MD5 = "0".repeat(32);
    private static final String SHA256 = "0".repeat(64);

    @Test
    void partOfAMultipartObjectIsItsExtentInOrderWhateverItsUploadNumber() {
        // uploaded as parts 2, 5 and 9: GET numbers them 1, 2, 3 as S3 does
        StoredObject object = multipart(List.of(new Extent(2, new ObjectLocation("a", 0, 10)),
                new Extent(5, new ObjectLocation("b", 0, 10)), new Extent(9, new ObjectLocation("c", 0, 3))));

        assertThat(ObjectReadHandler.partRange(object, 1)).contains(new ByteRange(0, 9));
        assertThat(ObjectReadHandler.partRange(object, 2)).contains(new ByteRange(10, 19));
        assertThat(ObjectReadHandler.partRange(object, 3)).contains(new ByteRange(20, 22));
    }

    @Test
    void partBeyondTheLastIsInvalidPartNumber() {
        StoredObject object = multipart(List.of(new Extent(1, new ObjectLocation("a", 0, 10))));

        assertThatThrownBy(() -> ObjectReadHandler.partRange(object, 2)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_PART_NUMBER));
    }

    @Test
    void objectUploadedWholeIsItsOwnPartOne() {
        StoredObject object = new StoredObject(manifest(42, 0), ObjectLocation.wholeBlob("w", 42));

        assertThat(ObjectReadHandler.partRange(object, 1)).contains(new ByteRange(0, 41));
        assertThatThrownBy(() -> ObjectReadHandler.partRange(object, 2)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_PART_NUMBER));
    }

    @Test
    void emptyObjectPartOneIsServedWhole() {
        StoredObject object = new StoredObject(manifest(0, 0), ObjectLocation.wholeBlob("w", 0));

        assertThat(ObjectReadHandler.partRange(object, 1)).isEqualTo(Optional.empty());
    }

    private static StoredObject multipart(List<Extent> extents) {
        long size = extents.stream().mapToLong(extent -> extent.location().lengthBytes()).sum();
        return new StoredObject(manifest(size, extents.size()), null, extents);
    }

    private static ObjectManifest manifest(long size, int partCount) {
        return new ObjectManifest("b", "k", new VersionId(1, 0, 0), size, 0, MD5, SHA256, Instant.EPOCH,
                ObjectMetadata.EMPTY, null, partCount);
    }
}
