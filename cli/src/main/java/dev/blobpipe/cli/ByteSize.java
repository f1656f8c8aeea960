package dev.blobpipe.cli;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/**
 * Sizes as people write and read them: parses {@code 1GiB}, {@code 500MB}, {@code 1.5TiB} or plain bytes; formats
 * bytes in binary units with one decimal ({@code 1.5 GiB}).
 */
final class ByteSize implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]i?b?|b)?",
            Pattern.CASE_INSENSITIVE);
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    /** Bytes of a size: KiB/MiB/… and K/M/… are powers of 1024, KB/MB/… powers of 1000. */
    static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (e.g. 1GiB, 500MB, 4096)");
        }
        String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
        int power = "bkmgtp".indexOf(unit.charAt(0));
        boolean decimal = unit.length() == 2 && unit.charAt(1) == 'b';
        BigDecimal multiplier = BigDecimal.valueOf(decimal ? 1000 : 1024).pow(power);
        try {
            return new BigDecimal(matcher.group(1)).multiply(multiplier).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("not a whole number of bytes below 8 EiB: '" + text + "'", e);
        }
    }

    /** {@code 999 B}, {@code 1.0 KiB}, {@code 12.3 GiB}. */
    static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
