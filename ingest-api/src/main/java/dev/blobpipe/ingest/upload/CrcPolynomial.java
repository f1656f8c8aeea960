package dev.blobpipe.ingest.upload;

/**
 * A reflected CRC with initial value and final xor all ones (CRC32, CRC32C, CRC64NVME), and the one thing we do with
 * it besides computing: {@link #combine}, the CRC of A followed by B from the CRCs of A and B and B's length, without
 * reading a byte. This is how a FULL_OBJECT multipart checksum is the CRC of the whole object although the parts were
 * checked one by one. Same method as zlib's crc32_combine (1.2.12+): crc(AB) = crc(A) * x^(8|B|) mod P xor crc(B),
 * with x^(8n) built from a table of x^(2^k) mod P, so a combine costs O(log n) polynomial products.
 *
 * <p>Polynomials are in reflected form: bit {@code width-1} is the coefficient of x^0, bit 0 that of x^(width-1).
 * Thread-safe (immutable).
 */
public final class CrcPolynomial {
    public static final CrcPolynomial CRC32 = new CrcPolynomial(32, 0xEDB88320L);
    public static final CrcPolynomial CRC32C = new CrcPolynomial(32, 0x82F63B78L);
    public static final CrcPolynomial CRC64NVME = new CrcPolynomial(64, Crc64Nvme.REFLECTED_POLYNOMIAL);

    /** x^(2^k) mod P for k = 0 .. 65: a byte length below 2^63 is 8n < 2^66 bits, so k never passes 65. */
    private static final int POWERS = 66;

    private final int width;
    private final long reflectedPolynomial;
    /** The polynomial 1 (x^0) in reflected form. */
    private final long one;
    private final long mask;
    private final long[] powersOfTwo = new long[POWERS];

    private CrcPolynomial(int width, long reflectedPolynomial) {
        this.width = width;
        this.reflectedPolynomial = reflectedPolynomial;
        this.one = 1L << (width - 1);
        this.mask = width == 64 ? -1L : (1L << width) - 1;
        long power = one >>> 1;   // x^1
        powersOfTwo[0] = power;
        for (int k = 1; k < POWERS; k++) {
            power = multiply(power, power);
            powersOfTwo[k] = power;
        }
    }

    /** Bits of the CRC value: 32 or 64. */
    public int width() {
        return width;
    }

    /**
     * The CRC of A followed by B, given crc(A), crc(B) and B's length in bytes. CRC values are the usual final
     * values (as {@link java.util.zip.CRC32#getValue()} gives them), in the low {@link #width()} bits.
     */
    public long combine(long crcA, long crcB, long lengthB) {
        if (lengthB < 0) {
            throw new IllegalArgumentException("negative length " + lengthB);
        }
        return (multiply(xPowerOfEightTimes(lengthB), crcA & mask) ^ crcB) & mask;
    }

    /** x^(8n) mod P: one product per set bit of n. */
    private long xPowerOfEightTimes(long n) {
        long result = one;
        int k = 3;   // 8n = n * 2^3
        for (long rest = n; rest != 0; rest >>>= 1, k++) {
            if ((rest & 1) != 0) {
                result = multiply(powersOfTwo[k], result);
            }
        }
        return result;
    }

    /** a * b mod P, both reflected; {@code a} must not be 0 (powers of x never are). */
    private long multiply(long a, long b) {
        long product = 0;
        long factor = b;
        for (long bit = one; bit != 0; bit >>>= 1) {
            if ((a & bit) != 0) {
                product ^= factor;
                if ((a & (bit - 1)) == 0) {
                    break;   // no lower coefficient of a is set: the rest adds nothing
                }
            }
            factor = (factor & 1) != 0 ? (factor >>> 1) ^ reflectedPolynomial : factor >>> 1;
        }
        return product;
    }
}
