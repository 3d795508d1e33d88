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
        if (tag.equals(Tag.STR) && node.isPlain() && !text.isEmpty() && "+-0123456789".indexOf(text.charAt(0)) >= 0) {
            Object number = goYamlNumber(text);
            return number == null ? text : number;
        }
        return text;
    }

    private static final java.util.regex.Pattern GO_INTEGER =
            java.util.regex.Pattern.compile("[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)");
    private static final java.util.regex.Pattern YAML_FLOAT =
            java.util.regex.Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    /**
     * Plain scalars that go-yaml (and so Compose) reads as numbers although YAML 1.2's core schema does
     * not: digits with underscores ({@code 1_000}), {@code 0b101}, a signed {@code -0x1F}. Null otherwise.
     */
    private static Object goYamlNumber(String text) {
        String plain = text.replace("_", "");
        if (GO_INTEGER.matcher(plain).matches()) {
            boolean negative = plain.startsWith("-");
            String digits = plain.startsWith("-") || plain.startsWith("+") ? plain.substring(1) : plain;
            int radix = 10;
            if (digits.length() > 1 && digits.charAt(0) == '0') {
                char base = Character.toLowerCase(digits.charAt(1));
                radix = base == 'x' ? 16 : base == 'o' ? 8 : base == 'b' ? 2 : 8;
                digits = base == 'x' || base == 'o' || base == 'b' ? digits.substring(2) : digits.substring(1);
            }
            BigInteger value = new BigInteger(digits, radix);
            value = negative ? value.negate() : value;
            return value.bitLength() < 64 ? (Object) value.longValue() : null;
        }
        if (YAML_FLOAT.matcher(plain).matches()) {
            return Double.parseDouble(plain);
        }
        return null;
    }

    private static Object integer(String text) {
        try {
            String digits = text.startsWith("+") ? text.substring(1) : text;
            BigInteger value;
            if (digits.startsWith("0x")) {
                value = new BigInteger(digits.substring(2), 16);
            } else if (digits.startsWith("0o")) {
                value = new BigInteger(digits.substring(2), 8);
            } else if (digits.matches("0[0-7]+")) {
                value = new BigInteger(digits.substring(1), 8); // YAML 1.1 octal, as go-yaml (and so Compose) reads it
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
