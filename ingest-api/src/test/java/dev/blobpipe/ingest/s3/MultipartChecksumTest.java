package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.ingest.upload.ChecksumAlgorithm;
import dev.blobpipe.ingest.upload.ChecksumType;
import dev.blobpipe.ingest.upload.StoredChecksums.UploadChecksum;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Expected values were computed independently with python3 (zlib, hashlib, and a bit-by-bit CRC-64/NVME) over three
 * parts of 1000, 777 and 5 bytes, byte j of part i being (7j + i) mod 251.
 */
class MultipartChecksumTest {
    private static final int[] SIZES = {1000, 777, 5};

    @Test
    void compositeCrc32IsTheCrcOfThePartCrcsWithPartCount() {
        var parts = parts(List.of("BNqGUQ==", "EjXVWQ==", "IkDxcg=="));
        assertThat(value(ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE, parts)).isEqualTo("YSnXQA==-3");
    }

    @Test
    void compositeSha256IsTheShaOfThePartShas() {
        var parts = parts(List.of("WUJeRBLilvx0c2ZzzgZwJ/OEID9ZwNLD5r57EzR7P/w=",
                "bbYq8oQIdaNcVWEF7+bhPTtoLQ7UOyZ0j5cs+TAi3q0=", "UbvblKhrcpDQwwynR9VscIKZpPxmoFDu34zSR5VVhgo="));
        assertThat(value(ChecksumAlgorithm.SHA256, ChecksumType.COMPOSITE, parts))
                .isEqualTo("0LEUm8TfAYr1rHK7ez76y6EA/bRONsy0RKhgVhQ4ZU4=-3");
    }

    @Test
    void compositeSha1IsTheShaOfThePartShas() {
        var parts = parts(List.of("M/IzyXqAPYSg2589vAW2P/IEXZI=", "tVwK4QEERQizkhmGh66fcn6SkTs=",
                "SfjA9adUNKBWO2+c9bnrB64eP1Q="));
        assertThat(value(ChecksumAlgorithm.SHA1, ChecksumType.COMPOSITE, parts))
                .isEqualTo("1AXQsGEiq64psaheCynR9CT8AVY=-3");
    }

    @Test
    void fullObjectCrc32IsTheCrcOfTheWholeContent() {
        var parts = parts(List.of("BNqGUQ==", "EjXVWQ==", "IkDxcg=="));
        assertThat(value(ChecksumAlgorithm.CRC32, ChecksumType.FULL_OBJECT, parts)).isEqualTo("SzAVGw==");
    }

    @Test
    void fullObjectCrc64nvmeIsTheCrcOfTheWholeContent() {
        var parts = parts(List.of("95nizBLCE4s=", "WX6cqA7aUtU=", "7XtQGXoNoRk="));
        assertThat(value(ChecksumAlgorithm.CRC64NVME, ChecksumType.FULL_OBJECT, parts)).isEqualTo("2J/2l1/7NJU=");
    }

    @Test
    void crc32cCompositeAndFullObjectMatchTheJdkCrc32c() {
        List<String> partCrcs = new ArrayList<>();
        var partChecksums = new CRC32C();
        var whole = new CRC32C();
        for (int i = 0; i < SIZES.length; i++) {
            byte[] part = new byte[SIZES[i]];
            for (int j = 0; j < part.length; j++) {
                part[j] = (byte) ((7 * j + i) % 251);
            }
            whole.update(part);
            var crc = new CRC32C();
            crc.update(part);
            byte[] binary = ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
            partChecksums.update(binary);
            partCrcs.add(Base64.getEncoder().encodeToString(binary));
        }
        var parts = parts(partCrcs);

        assertThat(value(ChecksumAlgorithm.CRC32C, ChecksumType.COMPOSITE, parts)).isEqualTo(base64(partChecksums)
                + "-3");
        assertThat(value(ChecksumAlgorithm.CRC32C, ChecksumType.FULL_OBJECT, parts)).isEqualTo(base64(whole));
    }

    private static String value(ChecksumAlgorithm algorithm, ChecksumType type, List<MultipartChecksum.Part> parts) {
        return MultipartChecksum.of(new UploadChecksum(algorithm, type), parts).value();
    }

    private static List<MultipartChecksum.Part> parts(List<String> checksums) {
        List<MultipartChecksum.Part> parts = new ArrayList<>();
        for (int i = 0; i < checksums.size(); i++) {
            parts.add(new MultipartChecksum.Part(checksums.get(i), SIZES[i]));
        }
        return parts;
    }

    private static String base64(CRC32C crc) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
