package io.berth.model.load;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions of plain tree values (as YAML gave them) to the strings and numbers Compose prints. */
final class Values {
    private Values() {
    }

    /** A scalar as Go's fmt would print it; null stays null. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Double number) {
            if (number.isNaN() || number.isInfinite()) {
                return number.isNaN() ? "NaN" : number > 0 ? "+Inf" : "-Inf"; // as Go prints them
            }
            return goFloat(number);
        }
        return value.toString();
    }

    /** A mapping's values as text, null staying null: options (logging, driver_opts) are strings in Compose's model. */
    static Map<String, Object> texts(Map<?, ?> options) {
        Map<String, Object> texts = new LinkedHashMap<>();
        map(options).forEach((key, option) -> texts.put(key, option == null ? null : text(option)));
        return texts;
    }

    /**
     * A float as Go's {@code %v} prints it (strconv's shortest 'g'): 2.5, 123456, 1e+06, 1e-05, -0;
     * an exponent from 6 up or below -4 is written as one ({@code environment: {A: 1e6}} is "1e+06").
     */
    static String goFloat(double number) {
        if (number == 0) {
            return 1 / number < 0 ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(number))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int exponent = digits.length() - exact.scale() - 1;
        String sign = number < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String power = String.valueOf(Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (power.length() < 2 ? "0" + power : power);
        }
        return sign + exact.toPlainString();
    }

    static boolean isScalar(Object value) {
        return !(value instanceof Map) && !(value instanceof List);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    /** Integer value of a number or numeric string, or null when it is neither. */
    static Long integer(Object value) {
        if (value instanceof Long number) {
            return number;
        }
        if (value instanceof Double number && number == Math.rint(number)) {
            return number.longValue();
        }
        if (value instanceof String string) {
            try {
                return Long.parseLong(string.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Boolean of a YAML bool or a string that interpolation produced; null when neither. */
    static Boolean bool(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String string) {
            String lower = string.strip().toLowerCase();
            if (List.of("true", "yes", "y", "on", "1").contains(lower)) {
                return true;
            }
            if (List.of("false", "no", "n", "off", "0").contains(lower)) {
                return false;
            }
        }
        return null;
    }
}
