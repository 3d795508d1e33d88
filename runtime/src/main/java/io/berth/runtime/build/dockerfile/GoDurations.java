package io.berth.runtime.build.dockerfile;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's time.ParseDuration syntax ({@code 1h30m}, {@code 1.5s}, {@code 300ms}), as HEALTHCHECK flags use it. */
public final class GoDurations {
    private static final Pattern PART = Pattern.compile("(\\d*\\.?\\d*)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDurations() {
    }

    /** The duration of {@code text}; throws IllegalArgumentException with Go's wording otherwise. */
    public static Duration parse(String text) {
        String rest = text;
        boolean negative = false;
        if (rest.startsWith("-") || rest.startsWith("+")) {
            negative = rest.startsWith("-");
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher matcher = PART.matcher(rest);
        int at = 0;
        while (at < rest.length()) {
            if (!matcher.find(at) || matcher.start() != at || matcher.group(1).isEmpty()
                    || matcher.group(1).equals(".")) {
                throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
            }
            nanos = nanos.add(new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(NANOS.get(matcher.group(2)))));
            at = matcher.end();
        }
        long total = nanos.longValue();
        return Duration.ofNanos(negative ? -total : total);
    }
}
