package dev.blobpipe.catalog.admin;

import java.nio.charset.StandardCharsets;

/** Writes a long's decimal digits as ASCII into a byte array, as {@link Long#toString} would, without a String. */
final class Decimal {
    /** The most bytes a long takes: 19 digits and a sign. */
    static final int MAX_DIGITS = 20;

    private Decimal() {
    }

    /** How many digits a non-negative long has. */
    static int digits(long value) {
        int digits = 1;
        for (long power = 10; digits < 19 && value >= power; power *= 10) {
            digits++;
        }
        return digits;
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
        int end = position + digits(value);
        // two digits per division, from the last: the divisions dominate the cost of a location string
        int index = end;
        while (value >= 100) {
            long quotient = value / 100;
            int pair = (int) (value - quotient * 100);
            into[--index] = (byte) ('0' + pair % 10);
            into[--index] = (byte) ('0' + pair / 10);
            value = quotient;
        }
        if (value >= 10) {
            into[--index] = (byte) ('0' + value % 10);
            value /= 10;
        }
        into[--index] = (byte) ('0' + value);
        return end;
    }
}
