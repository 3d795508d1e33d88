package io.berth.runtime;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /** The sha256 digest of {@code bytes}. */
    public static Digest sha256(byte[] bytes) {
        MessageDigest sha = newSha256();
        return of(sha.digest(bytes));
    }

    /** A digest from the 32 raw bytes a SHA-256 {@link MessageDigest} returned. */
    public static Digest of(byte[] sha256Bytes) {
        return new Digest("sha256", HexFormat.of().formatHex(sha256Bytes));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * A SHA-256 digest for large content (layers, archives): libcrypto's when the system has it,
     * several times faster than Java's under Berth's C1-only JVM; Java's otherwise.
     */
    public static MessageDigest newBulkSha256() {
        return io.berth.runtime.linux.NativeSha256.create();
    }

    /** The 12 hex digits Docker shows as an image id. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    // Written out, not the record's own: those bootstrap through invokedynamic (ObjectMethods)
    // at first use, ~19 method-handle classes no class-data archive keeps; about 5 ms of every
    // `berth up`, which compares image digests.
    @Override
    public boolean equals(Object other) {
        return other instanceof Digest digest && algorithm.equals(digest.algorithm) && hex.equals(digest.hex);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + hex.hashCode();
    }
}
