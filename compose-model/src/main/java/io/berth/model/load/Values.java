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
            if (number == Math.rint(number) && !number.isInfinite() && Math.abs(number) < 1e21) {
                return BigDecimal.valueOf(number).toBigInteger().toString();
            }
            return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    /** A mapping's values as text, null staying null: options (logging, driver_opts) are strings in Compose's model. */
    static Map<String, Object> texts(Map<?, ?> options) {
        Map<String, Object> texts = new LinkedHashMap<>();
        map(options).forEach((key, option) -> texts.put(key, option == null ? null : text(option)));
        return texts;
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
