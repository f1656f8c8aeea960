package dev.blobpipe.catalog.admin;

import java.nio.charset.StandardCharsets;

/** Writes a long's decimal digits as ASCII into a byte array, as {@link Long#toString} would, without a String. */
final class Decimal {
    /** The most bytes a long takes: 19 digits and a sign. */
    static final int MAX_DIGITS = 20;

    private Decimal() {
    }

    /** Writes {@code value} at {@code offset} (room for {@link #MAX_DIGITS} bytes needed); returns the end. */
    static int write(long value, byte[] into, int offset) {
        if (value == Long.MIN_VALUE) {
            byte[] text = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, into, offset, text.length);
            return offset + text.length;
        }
        int position = offset;
        if (value < 0) {
            into[position++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            digits++;
        }
        int end = position + digits;
        for (int index = end - 1; index >= position; index--) {
            into[index] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return end;
    }
}
