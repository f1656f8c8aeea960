package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.schemas.ObjectLocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlobSliceTest {
    // three parts of 10, 5 and 7 bytes; the second sits at offset 100 inside a segment
    private static final List<ObjectLocation> PARTS = List.of(
            new ObjectLocation("a", 0, 10),
            new ObjectLocation("seg", 100, 5),
            new ObjectLocation("c", 0, 7));

    @Test
    void wholeObjectIsEveryLocation() {
        assertThat(BlobSlice.cover(PARTS, 0, 22)).containsExactly(
                new BlobSlice("a", 0, 10), new BlobSlice("seg", 100, 5), new BlobSlice("c", 0, 7));
    }

    @Test
    void rangeAcrossThreeExtentsStartsAndEndsInsideThem() {
        assertThat(BlobSlice.cover(PARTS, 8, 10)).containsExactly(
                new BlobSlice("a", 8, 2), new BlobSlice("seg", 100, 5), new BlobSlice("c", 0, 3));
    }

    @Test
    void rangeInsideOneExtentIsOneSliceAtItsBlobOffset() {
        assertThat(BlobSlice.cover(PARTS, 11, 3)).containsExactly(new BlobSlice("seg", 101, 3));
    }

    @Test
    void rangeStartingExactlyOnABoundaryBeginsInTheNextExtent() {
        assertThat(BlobSlice.cover(PARTS, 10, 5)).containsExactly(new BlobSlice("seg", 100, 5));
        assertThat(BlobSlice.cover(PARTS, 15, 7)).containsExactly(new BlobSlice("c", 0, 7));
    }

    @Test
    void lastByteAloneIsTheLastByteOfTheLastExtent() {
        assertThat(BlobSlice.cover(PARTS, 21, 1)).containsExactly(new BlobSlice("c", 6, 1));
    }

    @Test
    void emptyExtentsAreSkipped() {
        var withEmpty = List.of(new ObjectLocation("a", 0, 4), new ObjectLocation("empty", 0, 0),
                new ObjectLocation("b", 0, 4));

        assertThat(BlobSlice.cover(withEmpty, 2, 4)).containsExactly(new BlobSlice("a", 2, 2),
                new BlobSlice("b", 0, 2));
    }

    @Test
    void zeroLengthIsNoSlice() {
        assertThat(BlobSlice.cover(PARTS, 0, 0)).isEmpty();
    }

    @Test
    void rangePastTheStoredBytesIsRefused() {
        assertThatThrownBy(() -> BlobSlice.cover(PARTS, 20, 3)).isInstanceOf(IllegalStateException.class);
    }
}
