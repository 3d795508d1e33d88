package io.berth.model.load;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stand-in for {@code GoDuration} (branch interp): Go's {@code time.ParseDuration} and
 * {@code Duration.String()}, which Compose uses for healthcheck times and stop_grace_period.
 */
public final class GoDurations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private GoDurations() {
    }

    /** Parses {@code 1m30s}, {@code 500ms}, {@code 1.5h}; a bare number is seconds (Compose accepts it). */
    public static Duration parse(String text) {
        String input = text.strip();
        if (input.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(input));
        }
        boolean negative = input.startsWith("-");
        String rest = input.startsWith("-") || input.startsWith("+") ? input.substring(1) : input;
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = PART.matcher(rest);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < rest.length()) {
            if (!matcher.find(at) || matcher.start() != at) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\" (examples: 10s, 1m30s, 500ms)");
            }
            nanos = nanos.add(new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unitNanos(matcher.group(2)))));
            at = matcher.end();
        }
        if (at == 0) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\" (examples: 10s, 1m30s, 500ms)");
        }
        Duration duration = Duration.ofNanos(nanos.longValue());
        return negative ? duration.negated() : duration;
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }

    /** Go's formatting: {@code 1m30s}, {@code 3s}, {@code 1h0m0s}, {@code 500ms}, {@code 1.5s}. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        nanos = Math.abs(nanos);
        if (nanos < 1_000_000_000L) {
            if (nanos < 1_000L) {
                return sign + nanos + "ns";
            }
            if (nanos < 1_000_000L) {
                return sign + fraction(nanos, 1_000L) + "µs";
            }
            return sign + fraction(nanos, 1_000_000L) + "ms";
        }
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L % 60;
        String seconds = fraction(nanos % 60_000_000_000L, 1_000_000_000L) + "s";
        if (hours > 0) {
            return sign + hours + "h" + minutes + "m" + seconds;
        }
        if (minutes > 0) {
            return sign + minutes + "m" + seconds;
        }
        return sign + seconds;
    }

    private static String fraction(long value, long unit) {
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
    }
}
