package io.berth.model.load;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stand-in for {@code ByteSize} (branch interp): Docker's {@code RAMInBytes}, binary units,
 * case-insensitive, optional trailing {@code b}: {@code 512m}, {@code 1.5G}, {@code 100kb}, {@code 2048}.
 */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(i?b)?", Pattern.CASE_INSENSITIVE);

    private ByteSizes() {
    }

    public static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid size \"" + text + "\" (examples: 512m, 1.5g, 2048)");
        }
        int power = "kmgtp".indexOf(matcher.group(2).toLowerCase()) + 1;
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
        return bytes.longValue();
    }
}
