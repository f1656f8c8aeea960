package dev.blobpipe.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ChecksumAlgorithmTest {
    private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.US_ASCII);

    @Test
    void crc32OfHelloWorldMatchesKnownVector() {
        assertThat(checksum(ChecksumAlgorithm.CRC32, HELLO)).isEqualTo("DUoRhQ==");  // 0x0d4a1185
    }

    @Test
    void crc32cOfHelloWorldMatchesKnownVector() {
        assertThat(checksum(ChecksumAlgorithm.CRC32C, HELLO)).isEqualTo("yZRlqg==");  // 0xc99465aa
    }

    @Test
    void crc32cOfCheckStringIsTheCatalogueValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Base64.getDecoder().decode(checksum(ChecksumAlgorithm.CRC32C, check)))
                .containsExactly(0xe3, 0x06, 0x92, 0x83);
    }

    @Test
    void crc64nvmeOfCheckStringIsThePublishedCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Base64.getDecoder().decode(checksum(ChecksumAlgorithm.CRC64NVME, check)))
                .containsExactly(0xae, 0x8b, 0x14, 0x86, 0x0a, 0x79, 0x98, 0x88);
    }

    @Test
    void crc64nvmeOfHelloWorldMatchesAnIndependentBitwiseComputation() {
        // python3, bit by bit: reflected poly 0x9A6C9329AC4BC9B5, init and xorout all ones
        assertThat(checksum(ChecksumAlgorithm.CRC64NVME, HELLO)).isEqualTo("jSnVw/bqjr4=");
    }

    @Test
    void crc64nvmeTableMatchesBitwiseDefinitionOnRandomData() {
        byte[] data = new byte[4099];
        new java.util.Random(7).nextBytes(data);
        long crc = -1L;
        for (byte b : data) {
            crc ^= b & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
            }
        }
        var table = new Crc64Nvme();
        table.update(data, 0, data.length);
        assertThat(table.getValue()).isEqualTo(~crc);
    }

    @Test
    void fromNameAcceptsCrc64nvme() {
        assertThat(ChecksumAlgorithm.fromName("x-amz-checksum-crc64nvme")).contains(ChecksumAlgorithm.CRC64NVME);
        assertThat(ChecksumAlgorithm.CRC64NVME.digestLength()).isEqualTo(8);
    }

    @Test
    void sha1OfHelloWorldMatchesKnownVector() {
        assertThat(checksum(ChecksumAlgorithm.SHA1, HELLO)).isEqualTo("Kq5sNclPz7QV2+lfQIuc6R7oRu0=");
    }

    @Test
    void sha256OfHelloWorldMatchesKnownVector() {
        assertThat(checksum(ChecksumAlgorithm.SHA256, HELLO))
                .isEqualTo("uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=");
    }

    @Test
    void digestFedInPiecesEqualsDigestOfTheWhole() {
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            var running = algorithm.start();
            running.update(HELLO, 0, 5);
            running.update(HELLO, 5, HELLO.length - 5);
            assertThat(Base64.getEncoder().encodeToString(running.finish()))
                    .as(algorithm.name()).isEqualTo(checksum(algorithm, HELLO));
        }
    }

    @Test
    void fromNameAcceptsNamesAnyCaseAndHeaderNames() {
        assertThat(ChecksumAlgorithm.fromName("CRC32")).contains(ChecksumAlgorithm.CRC32);
        assertThat(ChecksumAlgorithm.fromName("crc32c")).contains(ChecksumAlgorithm.CRC32C);
        assertThat(ChecksumAlgorithm.fromName("SHA-256")).contains(ChecksumAlgorithm.SHA256);
        assertThat(ChecksumAlgorithm.fromName("x-amz-checksum-sha1")).contains(ChecksumAlgorithm.SHA1);
        assertThat(ChecksumAlgorithm.fromName("X-Amz-Checksum-CRC32")).contains(ChecksumAlgorithm.CRC32);
    }

    @Test
    void fromNameRejectsUnknownAlgorithms() {
        assertThat(ChecksumAlgorithm.fromName("md5")).isEmpty();
        assertThat(ChecksumAlgorithm.fromName(null)).isEmpty();
    }

    @Test
    void headerNameIsLowerCaseAmzChecksum() {
        assertThat(ChecksumAlgorithm.CRC32C.headerName()).isEqualTo("x-amz-checksum-crc32c");
        assertThat(ChecksumAlgorithm.SHA256.headerName()).isEqualTo("x-amz-checksum-sha256");
    }

    private static String checksum(ChecksumAlgorithm algorithm, byte[] bytes) {
        var running = algorithm.start();
        running.update(bytes, 0, bytes.length);
        return Base64.getEncoder().encodeToString(running.finish());
    }
}
