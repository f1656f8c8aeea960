package dev.blobpipe.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/** An age as operators write it: {@code 30d}, {@code 12h}, {@code 2w}, {@code 90m}, {@code 45s}, or ISO-8601. */
final class Age implements ITypeConverter<Duration> {
    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([smhdw])");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String text) {
        Matcher matcher = AGE.matcher(text.trim());
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(Math.multiplyExact(amount, 7));
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an age: '" + text + "' (e.g. 30d, 12h, PT90M)", e);
        }
    }
}
