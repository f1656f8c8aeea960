package dev.blobpipe.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyDigestsTest {
    private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.US_ASCII);

    @Test
    void computesMd5Sha256AndTheRequestedChecksum() {
        var digests = new BodyDigests(ChecksumAlgorithm.CRC32);

        digests.update(HELLO, 0, 6);
        digests.update(HELLO, 6, HELLO.length - 6);
        digests.finish();

        assertThat(digests.sizeBytes()).isEqualTo(HELLO.length);
        assertThat(digests.md5Hex()).isEqualTo("5eb63bbbe01eeed093cb22bb8f5acdc3");
        assertThat(digests.sha256Hex())
                .isEqualTo("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
        assertThat(digests.checksumBase64()).isEqualTo("DUoRhQ==");
        assertThat(digests.checksumMatches(new byte[] {0x0d, 0x4a, 0x11, (byte) 0x85})).isTrue();
    }

    @Test
    void withoutAlgorithmHasNoChecksum() {
        var digests = new BodyDigests(null);

        digests.finish();

        assertThat(digests.algorithm()).isNull();
        assertThat(digests.checksumBase64()).isNull();
        assertThat(digests.md5Hex()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void refusesResultsBeforeFinishAndUpdatesAfter() {
        var digests = new BodyDigests(null);

        assertThatThrownBy(digests::md5Hex).isInstanceOf(IllegalStateException.class);
        digests.finish();
        assertThatThrownBy(() -> digests.update(HELLO, 0, 1)).isInstanceOf(IllegalStateException.class);
    }
}
