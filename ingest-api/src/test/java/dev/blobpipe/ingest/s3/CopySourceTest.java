package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CopySourceTest {

    @Test
    void sourceIsBucketAndDecodedKeyWithOrWithoutLeadingSlash() {
        assertThat(CopySource.parse("/src/dir/a%20b%2Bc+d")).isEqualTo(new CopySource("src", "dir/a b+c+d"));
        assertThat(CopySource.parse("src/k?versionId=null")).isEqualTo(new CopySource("src", "k"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "src", "src/", "/src", "/src/k?versionId=3HL4kqtJlcpXroDTDmJ"})
    void sourceWithoutBucketAndKeyOrWithAVersionIsInvalidArgument(String header) {
        assertThatThrownBy(() -> CopySource.parse(header)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_ARGUMENT));
    }

    @Test
    void rangeIsBothBoundsInclusiveInsideTheSource() {
        assertThat(CopySource.range("bytes=0-0", 10)).isEqualTo(new ByteRange(0, 0));
        assertThat(CopySource.range("bytes=3-9", 10)).isEqualTo(new ByteRange(3, 9));
        assertThat(CopySource.range(null, 10)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=-1", "bytes=2-", "bytes=5-4", "bytes=0-10", "0-3", "bytes=a-b", "bytes=0-1,3-4"})
    void rangeNotBytesFirstLastInsideTheSourceIsInvalidArgument(String header) {
        assertThatThrownBy(() -> CopySource.range(header, 10)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_ARGUMENT));
    }
}
