package io.berth.runtime;

import java.util.regex.Pattern;

/** A content digest, "sha256:" and 64 lowercase hex digits. Never a bare String. */
public record Digest(String algorithm, String hex) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (!"sha256".equals(algorithm) || hex == null || !SHA256.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a sha256 digest: " + algorithm + ":" + hex);
        }
    }

    public static Digest parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a digest (want sha256:<64 hex>): " + text);
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
