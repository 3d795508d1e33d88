package io.berth.cli.compose;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Sizes as docker stats prints them: memory in binary units with four significant digits
 * ("1.5MiB", "7.63GiB"), network and block I/O in decimal units with three ("1.23kB", "0B"),
 * each number formatted as Go's %g does (no trailing zeros; an exponent once it needs more digits).
 */
final class ByteSizes {
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};

    private ByteSizes() {
    }

    static String binary(double bytes) {
        return scaled(bytes, 1024, BINARY, 4);
    }

    static String decimal(double bytes) {
        return scaled(bytes, 1000, DECIMAL, 3);
    }

    private static String scaled(double size, double base, String[] units, int digits) {
        int unit = 0;
        while (size >= base && unit < units.length - 1) {
            size /= base;
            unit++;
        }
        return goG(size, digits) + units[unit];
    }

    /** Go's fmt %.{digits}g of a non-negative number. */
    static String goG(double value, int digits) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= digits) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String sign = exponent < 0 ? "-" : "+";
            int magnitude = Math.abs(exponent);
            return mantissa.toPlainString() + "e" + sign + (magnitude < 10 ? "0" : "") + magnitude;
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
