package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    @ParameterizedTest
    @CsvSource({
        "bytes=0-0, 0, 0",
        "bytes=2-4, 2, 4",
        "bytes=5-, 5, 9",
        "bytes=5-100, 5, 9",
        "bytes=-3, 7, 9",
        "bytes=-100, 0, 9",
        "Bytes= 1 - 2 , 1, 2",
        "bytes=0-99999999999999999999999, 0, 9"})
    void satisfiableRangesOfATenByteObject(String header, long first, long last) {
        assertThat(ByteRange.parse(header, 10)).contains(new ByteRange(first, last));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-1,3-4", "bytes=4-2", "bytes=a-b", "bytes=-", "items=0-1", "0-1", "bytes=1"})
    void unusableHeadersAreIgnored(String header) {
        assertThat(ByteRange.parse(header, 10)).isEmpty();
    }

    @Test
    void absentHeaderMeansWholeObject() {
        assertThat(ByteRange.parse(null, 10)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=10-", "bytes=10-20", "bytes=-0", "bytes=99999999999999999999-"})
    void rangesPastTheEndAreInvalidRange(String header) {
        assertThatThrownBy(() -> ByteRange.parse(header, 10))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_RANGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-", "bytes=0-0", "bytes=-1"})
    void anyRangeOnAnEmptyObjectIsInvalidRange(String header) {
        assertThatThrownBy(() -> ByteRange.parse(header, 0)).isInstanceOf(S3Exception.class);
    }

    @Test
    void contentRangeHeaders() {
        assertThat(new ByteRange(2, 4).contentRange(10)).isEqualTo("bytes 2-4/10");
        assertThat(new ByteRange(2, 4).length()).isEqualTo(3);
        assertThat(ByteRange.unsatisfiedContentRange(10)).isEqualTo("bytes */10");
    }
}
