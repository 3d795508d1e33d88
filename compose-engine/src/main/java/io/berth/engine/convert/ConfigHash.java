package io.berth.engine.convert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedMap;

/**
 * The config hash of a service: SHA-256 of its flattened config as compact JSON, sorted by path.
 * The caller leaves out what Docker Compose leaves out (build, pull_policy, scale,
 * deploy.replicas, depends_on, profiles), so changing those never forces a recreate.
 */
public final class ConfigHash {
    private ConfigHash() {
    }

    public static String of(SortedMap<String, String> flattenedConfig) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest(ConfigDiff.toLabel(flattenedConfig).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", impossible);
        }
    }
}
