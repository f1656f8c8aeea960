package dev.blobpipe.ingest.upload;

import java.util.Objects;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME, the CRC S3 calls CRC64NVME: reflected polynomial 0x9A6C9329AC4BC9B5, initial value and final xor all
 * ones (check value of "123456789": 0xAE8B14860A799888). The JDK has no CRC-64 and the AWS SDK's needs the native
 * CRT library, so this is a plain table-driven one. Not thread-safe.
 */
public final class Crc64Nvme implements Checksum {
    /** The polynomial in reflected (LSB-first) form. */
    static final long REFLECTED_POLYNOMIAL = 0x9A6C9329AC4BC9B5L;
    private static final long[] TABLE = table();

    /** The register, kept inverted (initial value all ones; getValue applies the final xor). */
    private long register = -1L;

    @Override
    public void update(int b) {
        register = TABLE[(int) ((register ^ b) & 0xff)] ^ (register >>> 8);
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        long crc = register;
        for (int i = offset, end = offset + length; i < end; i++) {
            crc = TABLE[(int) ((crc ^ bytes[i]) & 0xff)] ^ (crc >>> 8);
        }
        register = crc;
    }

    @Override
    public long getValue() {
        return ~register;
    }

    @Override
    public void reset() {
        register = -1L;
    }

    private static long[] table() {
        long[] table = new long[256];
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLYNOMIAL : crc >>> 1;
            }
            table[i] = crc;
        }
        return table;
    }
}
