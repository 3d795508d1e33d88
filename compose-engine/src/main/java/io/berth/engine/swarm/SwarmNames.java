package io.berth.engine.swarm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Names on the swarm: {@code STACK_NAME}, and content-versioned names for secrets and configs. */
final class SwarmNames {
    private SwarmNames() {
    }

    static String scoped(String stack, String name) {
        return stack + "_" + name;
    }

    /** {@code STACK_NAME_HASH8}: a new name when the content changes, so the services using it roll. */
    static String versioned(String stack, String name, byte[] content) {
        return scoped(stack, name) + "_" + sha256(content).substring(0, 8);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
