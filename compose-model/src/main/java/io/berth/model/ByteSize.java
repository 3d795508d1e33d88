package io.berth.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An amount of memory or disk in bytes, read as Compose v2 reads {@code mem_limit}, {@code shm_size},
 * {@code memswap_limit}, {@code deploy.resources.*.memory} and the like: a YAML integer is bytes, a string
 * goes through docker/go-units {@code RAMInBytes} (v0.5):
 * <ul>
 * <li>a decimal number, optionally followed by one space and a unit: {@code 100}, {@code 1.5GB}, {@code 512 m};</li>
 * <li>units are case-insensitive and binary: {@code b}, {@code k}, {@code m}, {@code g}, {@code t}, {@code p}
 *     (1024^n), each optionally followed by {@code b} or {@code ib} ({@code KB}, {@code KiB}); {@code Gi} alone is
 *     refused as in go-units;</li>
 * <li>fractions are truncated after multiplying ({@code 1.5k} is 1536, {@code 0.5} is 0); negatives are refused.</li>
 * </ul>
 * Compose prints such values as their plain byte count (e.g. "1610612736" for {@code 1.5G}), see {@link #toString()}.
 *
 * @param bytes the amount, not negative
 */
public record ByteSize(long bytes) {

    private static final Pattern GO_DECIMAL_FLOAT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("invalid size: '" + bytes + "'");
        }
    }

    /** A YAML integer: a byte count. */
    public static ByteSize parse(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("invalid size: '" + bytes + "'");
        }
        return new ByteSize(bytes);
    }

    /**
     * Parses a size string as go-units {@code RAMInBytes}.
     *
     * @throws IllegalArgumentException with go-units' message: "invalid size: '...'", "invalid suffix: '...'" or
     *                                  "strconv.ParseFloat: parsing \"...\": invalid syntax"
     */
    public static ByteSize parse(String text) {
        int separator = lastIndexOfAny(text, "0123456789. ");
        if (separator < 0) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        String number = text.charAt(separator) == ' ' ? text.substring(0, separator) : text.substring(0, separator + 1);
        String suffix = text.substring(separator + 1);
        if (!GO_DECIMAL_FLOAT.matcher(number).matches()) {
            throw new IllegalArgumentException("strconv.ParseFloat: parsing \"" + number + "\": invalid syntax");
        }
        double size = Double.parseDouble(number);
        if (size < 0) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        return new ByteSize(truncate(size * multiplier(suffix), text));
    }

    private static long multiplier(String suffix) {
        if (suffix.isEmpty()) {
            return 1;
        }
        if (suffix.length() > 3) {
            throw badSuffix(suffix);
        }
        String lower = suffix.toLowerCase(Locale.ROOT);
        if (lower.charAt(0) == 'b') {
            if (lower.length() > 1) {
                throw badSuffix(lower);
            }
            return 1;
        }
        int power = "kmgtp".indexOf(lower.charAt(0)) + 1;
        if (power == 0 || lower.length() == 2 && lower.charAt(1) != 'b' || lower.length() == 3 && !lower.endsWith("ib")) {
            throw badSuffix(lower);
        }
        return 1L << (10 * power);
    }

    private static long truncate(double bytes, String text) {
        if (bytes >= 0x1p63) {
            throw new IllegalArgumentException("invalid size: '" + text + "' is too large");
        }
        return (long) bytes;
    }

    private static IllegalArgumentException badSuffix(String suffix) {
        return new IllegalArgumentException("invalid suffix: '" + suffix + "'");
    }

    private static int lastIndexOfAny(String text, String characters) {
        for (int i = text.length() - 1; i >= 0; i--) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The byte count in decimal, as Compose v2 prints sizes in {@code config} output. */
    @Override
    public String toString() {
        return Long.toString(bytes);
    }
}
