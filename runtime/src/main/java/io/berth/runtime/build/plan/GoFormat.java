package io.berth.runtime.build.plan;

import java.time.Duration;
import java.util.List;

/** Go's fmt output for the history lines BuildKit writes ({@code %q} of a list, {@code %v}, durations). */
final class GoFormat {
    private GoFormat() {
    }

    /** {@code fmt.Sprintf("%q", list)}: {@code ["a" "b"]}. */
    static String quotedList(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : " ").append(quote(values.get(i)));
        }
        return out.append(']').toString();
    }

    /** {@code fmt.Sprintf("%v", list)}: {@code [a b]}. */
    static String plainList(List<String> values) {
        return "[" + String.join(" ", values) + "]";
    }

    /** Go's strconv.Quote for printable text (escapes quotes, backslashes and control characters). */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        out.append(String.format("\\x%02x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Go's time.Duration.String: {@code 1h2m3s}, {@code 1.5s}, {@code 300ms}, {@code 0s}. */
    static String duration(Duration duration) {
        long nanos = duration == null ? 0 : duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        nanos = Math.abs(nanos);
        if (nanos < 1_000) {
            return sign + nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return sign + fraction(nanos, 1_000) + "µs";
        }
        if (nanos < 1_000_000_000) {
            return sign + fraction(nanos, 1_000_000) + "ms";
        }
        long hours = nanos / 3_600_000_000_000L;
        long rest = nanos % 3_600_000_000_000L;
        long minutes = rest / 60_000_000_000L;
        rest = rest % 60_000_000_000L;
        StringBuilder out = new StringBuilder(sign);
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(fraction(rest, 1_000_000_000)).append('s').toString();
    }

    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long part = value % unit;
        if (part == 0) {
            return String.valueOf(whole);
        }
        String digits = String.format("%0" + String.valueOf(unit).length() + "d", part).substring(1);
        return whole + "." + digits.replaceAll("0+$", "");
    }
}
