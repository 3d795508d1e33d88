package io.berth.model;

import java.time.Duration;
import java.util.Map;

/**
 * Durations as Compose v2 reads and prints them ({@code healthcheck.interval}, {@code stop_grace_period}, ...):
 * compose-go decodes them with Go's {@code time.ParseDuration} (a YAML number is handed over as its decimal
 * text, so only {@code 0} is valid without a unit) and prints them with Go's {@code Duration.String()}.
 * <ul>
 * <li>{@link #parse(String)}: an optional sign, then one or more decimal numbers each with a unit
 *     {@code ns}, {@code us}, {@code µs}, {@code μs}, {@code ms}, {@code s}, {@code m}, {@code h}:
 *     {@code 1m30s}, {@code 1.5s}, {@code 300us}, {@code -2h}; {@code 0} alone is zero;</li>
 * <li>{@link #format(Duration)}: {@code 1m30s}, {@code 1h0m0s}, {@code 10ms}, {@code 1.5s}, {@code 300µs},
 *     {@code 0s}.</li>
 * </ul>
 * Like Go, the range is that of a signed 64-bit count of nanoseconds (about 292 years).
 */
public final class GoDuration {

    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /**
     * Parses a YAML value as compose-go's {@code Duration.DecodeMapstructure} does: its text
     * ({@code fmt.Sprint}) through {@code time.ParseDuration}, so the integer {@code 0} is zero and any other
     * number fails with "time: missing unit in duration".
     */
    public static Duration parseValue(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            String text = number == Math.rint(number) && !Double.isInfinite(number)
                    ? Long.toString((long) number) : Double.toString(number);
            return parse(text);
        }
        return parse(String.valueOf(value));
    }

    /**
     * Parses like Go's {@code time.ParseDuration}.
     *
     * @throws IllegalArgumentException with Go's message: {@code time: invalid duration "x"},
     *         {@code time: missing unit in duration "30"}, {@code time: unknown unit "d" in duration "1d"}
     */
    public static Duration parse(String text) {
        String rest = text;
        boolean negative = false;
        if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
            negative = rest.charAt(0) == '-';
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        if (rest.isEmpty()) {
            throw invalid(text);
        }
        long total = 0;
        while (!rest.isEmpty()) {
            char first = rest.charAt(0);
            if (!(first == '.' || first >= '0' && first <= '9')) {
                throw invalid(text);
            }
            int integerEnd = digitsEnd(rest, 0);
            long whole = leadingInt(rest.substring(0, integerEnd), text);
            boolean hasWhole = integerEnd > 0;
            rest = rest.substring(integerEnd);
            long fraction = 0;
            double scale = 1;
            boolean hasFraction = false;
            if (!rest.isEmpty() && rest.charAt(0) == '.') {
                int fractionEnd = digitsEnd(rest, 1);
                hasFraction = fractionEnd > 1;
                boolean overflow = false;
                for (int i = 1; i < fractionEnd; i++) {
                    if (overflow) {
                        continue;
                    }
                    if (fraction > Long.MAX_VALUE / 10) {
                        overflow = true;
                        continue;
                    }
                    long next = fraction * 10 + (rest.charAt(i) - '0');
                    if (Long.compareUnsigned(next, 1L << 63) > 0) {
                        overflow = true;
                        continue;
                    }
                    fraction = next;
                    scale *= 10;
                }
                rest = rest.substring(fractionEnd);
            }
            if (!hasWhole && !hasFraction) {
                throw invalid(text);
            }
            int unitEnd = 0;
            while (unitEnd < rest.length() && rest.charAt(unitEnd) != '.'
                    && !(rest.charAt(unitEnd) >= '0' && rest.charAt(unitEnd) <= '9')) {
                unitEnd++;
            }
            if (unitEnd == 0) {
                throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
            }
            String unitName = rest.substring(0, unitEnd);
            rest = rest.substring(unitEnd);
            Long unit = UNITS.get(unitName);
            if (unit == null) {
                throw new IllegalArgumentException("time: unknown unit " + quote(unitName) + " in duration " + quote(text));
            }
            total = addPart(total, whole, fraction, scale, unit, text);
        }
        if (!negative && total == Long.MIN_VALUE) {
            throw invalid(text);
        }
        return Duration.ofNanos(negative ? -total : total);
    }

    /** Go's {@code uint64} arithmetic on one number-and-unit, kept within 2^63 (stored as MIN_VALUE). */
    private static long addPart(long total, long whole, long fraction, double scale, long unit, String text) {
        if (Long.compareUnsigned(whole, Long.divideUnsigned(1L << 63, unit)) > 0) {
            throw invalid(text);
        }
        long value = whole * unit;
        if (fraction > 0) {
            value += (long) ((double) fraction * ((double) unit / scale));
            if (Long.compareUnsigned(value, 1L << 63) > 0) {
                throw invalid(text);
            }
        }
        long sum = total + value;
        if (Long.compareUnsigned(sum, 1L << 63) > 0 || Long.compareUnsigned(sum, total) < 0) {
            throw invalid(text);
        }
        return sum;
    }

    private static long leadingInt(String digits, String text) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            if (Long.compareUnsigned(value, Long.divideUnsigned(1L << 63, 10)) > 0) {
                throw invalid(text);
            }
            value = value * 10 + (digits.charAt(i) - '0');
            if (Long.compareUnsigned(value, 1L << 63) > 0) {
                throw invalid(text);
            }
        }
        return value;
    }

    private static int digitsEnd(String text, int start) {
        int end = start;
        while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        return end;
    }

    /**
     * Formats like Go's {@code Duration.String()}.
     *
     * @throws ArithmeticException when the duration does not fit in a signed 64-bit count of nanoseconds
     */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        long magnitude = negative ? -nanos : nanos; // MIN_VALUE stays negative: handled as unsigned below
        StringBuilder text = new StringBuilder();
        if (Long.compareUnsigned(magnitude, 1_000_000_000L) < 0) {
            String unit;
            int precision;
            if (magnitude < 1_000L) {
                unit = "ns";
                precision = 0;
            } else if (magnitude < 1_000_000L) {
                unit = "\u00b5s";
                precision = 3;
            } else {
                unit = "ms";
                precision = 6;
            }
            long pow = pow10(precision);
            text.append(magnitude / pow).append(fraction(magnitude % pow, precision)).append(unit);
        } else {
            long seconds = Long.divideUnsigned(magnitude, 1_000_000_000L);
            String fraction = fraction(Long.remainderUnsigned(magnitude, 1_000_000_000L), 9);
            long minutes = seconds / 60;
            long hours = minutes / 60;
            if (hours > 0) {
                text.append(hours).append('h');
            }
            if (minutes > 0) {
                text.append(minutes % 60).append('m');
            }
            text.append(seconds % 60).append(fraction).append('s');
        }
        return negative ? "-" + text : text.toString();
    }

    /** ".5" for 5 with precision 1; trailing zeros dropped, "" when zero. */
    private static String fraction(long value, int precision) {
        if (value == 0) {
            return "";
        }
        String digits = String.format("%0" + precision + "d", value);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return "." + digits.substring(0, end);
    }

    private static long pow10(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + quote(text));
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
