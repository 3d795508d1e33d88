package io.berth.engine.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Kubernetes' name rules: object names as DNS-1123 labels (lower case letters, digits and '-', at most
 * 63, starting and ending with a letter or digit), port names as IANA service names (at most 15, at
 * least one letter, no "--"). A Compose name that breaks them is turned into one that does, with a
 * short hash when it had to be cut, so that two names never become one.
 */
final class Names {
    static final int LABEL_MAX = 63;
    static final int PORT_NAME_MAX = 15;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private Names() {
    }

    static boolean isLabel(String name) {
        return name.length() <= LABEL_MAX && LABEL.matcher(name).matches();
    }

    static boolean isPortName(String name) {
        return name.length() <= PORT_NAME_MAX && PORT_NAME.matcher(name).matches() && !name.contains("--")
                && name.chars().anyMatch(Character::isLetter);
    }

    static boolean isLabelValue(String value) {
        return value.length() <= LABEL_MAX && LABEL_VALUE.matcher(value).matches();
    }

    /** {@code name} as a DNS-1123 label: lower-cased, other characters as '-', cut to 63 with a hash. */
    static String label(String name) {
        String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        if (cleaned.isEmpty()) {
            cleaned = "x";
        }
        if (cleaned.length() <= LABEL_MAX && cleaned.equals(name)) {
            return cleaned;
        }
        if (cleaned.length() > LABEL_MAX) {
            String hash = hash(name);
            cleaned = cleaned.substring(0, LABEL_MAX - hash.length() - 1).replaceAll("-+$", "") + "-" + hash;
        }
        return cleaned;
    }

    /** A label of {@code base} followed by {@code suffix}, cut in the base so the suffix survives. */
    static String label(String base, String suffix) {
        String whole = label(base) + "-" + suffix;
        if (whole.length() <= LABEL_MAX) {
            return whole;
        }
        String hash = hash(base);
        int keep = LABEL_MAX - suffix.length() - hash.length() - 2;
        return label(base).substring(0, keep).replaceAll("-+$", "") + "-" + hash + "-" + suffix;
    }

    /** A port name such as {@code tcp-8080} (9 characters at most, always valid). */
    static String port(String protocol, int port) {
        return protocol.toLowerCase(Locale.ROOT) + "-" + port;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
