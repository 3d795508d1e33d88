package io.berth.model.yaml;

import java.math.BigInteger;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** YAML 1.2 core-schema scalars to Java values: String, Long, Double, Boolean or null. */
final class Scalars {
    private Scalars() {
    }

    static Object resolve(ScalarNode node) {
        String text = node.getValue();
        Tag tag = node.getTag();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return Boolean.valueOf(text.toLowerCase());
        }
        if (tag.equals(Tag.INT)) {
            return integer(text);
        }
        if (tag.equals(Tag.FLOAT)) {
            return floating(text);
        }
        return text;
    }

    private static Object integer(String text) {
        try {
            String digits = text.startsWith("+") ? text.substring(1) : text;
            BigInteger value;
            if (digits.startsWith("0x")) {
                value = new BigInteger(digits.substring(2), 16);
            } else if (digits.startsWith("0o")) {
                value = new BigInteger(digits.substring(2), 8);
            } else {
                value = new BigInteger(digits);
            }
            return value.bitLength() < 64 ? (Object) value.longValue() : text;
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static Object floating(String text) {
        String lower = text.toLowerCase();
        if (lower.endsWith(".inf")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals(".nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
