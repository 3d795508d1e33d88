package io.berth.runtime.build.plan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docker/go-units RAMInBytes: {@code 64m}, {@code 1g}, {@code 512k}, {@code 1024} (binary units). */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(?:i?b)?");

    private Sizes() {
    }

    static long ramBytes(String text) {
        Matcher matcher = SIZE.matcher(text.toLowerCase(Locale.ROOT).strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid size: " + text);
        }
        double value = Double.parseDouble(matcher.group(1));
        int power = "kmgtp".indexOf(matcher.group(2)) + 1;
        return (long) (value * Math.pow(1024, matcher.group(2).isEmpty() ? 0 : power));
    }
}
