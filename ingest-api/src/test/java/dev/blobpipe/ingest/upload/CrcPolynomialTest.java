package dev.blobpipe.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import org.junit.jupiter.api.Test;

class CrcPolynomialTest {
    /** Each polynomial with an implementation that computes from bytes. */
    private record Case(CrcPolynomial polynomial, Supplier<Checksum> checksum) {
    }

    private static final List<Case> CASES = List.of(
            new Case(CrcPolynomial.CRC32, CRC32::new),
            new Case(CrcPolynomial.CRC32C, CRC32C::new),
            new Case(CrcPolynomial.CRC64NVME, Crc64Nvme::new));

    @Test
    void combiningRandomSplitsGivesTheCrcOfTheWhole() {
        Random random = new Random(42);
        for (Case crc : CASES) {
            for (int round = 0; round < 50; round++) {
                byte[] data = new byte[random.nextInt(20_000)];
                random.nextBytes(data);
                int pieces = 1 + random.nextInt(6);
                int[] cuts = random.ints(pieces - 1, 0, data.length + 1).sorted().toArray();
                long combined = 0;   // the CRC of nothing
                int start = 0;
                for (int i = 0; i <= cuts.length; i++) {
                    int end = i < cuts.length ? cuts[i] : data.length;
                    combined = crc.polynomial().combine(combined, crcOf(crc, data, start, end - start), end - start);
                    start = end;
                }
                assertThat(combined).as("%s round %d", crc.polynomial().width(), round)
                        .isEqualTo(crcOf(crc, data, 0, data.length));
            }
        }
    }

    @Test
    void combiningWithAnEmptyPieceChangesNothing() {
        byte[] data = "blobpipe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (Case crc : CASES) {
            long whole = crcOf(crc, data, 0, data.length);
            assertThat(crc.polynomial().combine(whole, 0, 0)).isEqualTo(whole);
            assertThat(crc.polynomial().combine(0, whole, data.length)).isEqualTo(whole);
        }
    }

    @Test
    void combineHandlesPiecesLongerThanAnyArray() {
        // 3 GiB of zeros: crc(zeros(n)) built by doubling with combine must equal combining one-MiB pieces
        byte[] mib = new byte[1 << 20];
        for (Case crc : CASES) {
            long oneMib = crcOf(crc, mib, 0, mib.length);
            long doubled = oneMib;
            long doubledLength = mib.length;
            while (doubledLength < (3L << 30)) {
                doubled = crc.polynomial().combine(doubled, doubled, doubledLength);
                doubledLength *= 2;
            }
            long stepwise = 0;
            for (long length = 0; length < doubledLength; length += mib.length) {
                stepwise = crc.polynomial().combine(stepwise, oneMib, mib.length);
            }
            assertThat(doubled).isEqualTo(stepwise);
        }
    }

    private static long crcOf(Case crc, byte[] data, int offset, int length) {
        Checksum checksum = crc.checksum().get();
        checksum.update(data, offset, length);
        return checksum.getValue();
    }
}
