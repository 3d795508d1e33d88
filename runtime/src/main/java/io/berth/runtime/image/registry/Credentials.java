package io.berth.runtime.image.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a person logs in to a registry with: a user name and a password (or a personal access
 * token in its place). {@link #toString} never shows the password.
 */
public record Credentials(String username, String password) {
    public Credentials {
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("a registry login needs a user name and a password");
        }
    }

    /** The {@code Authorization} header value of HTTP basic authentication. */
    String basicHeader() {
        return "Basic " + base64();
    }

    /** user:password in base64, as config.json's {@code auth} holds it. */
    String base64() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Credentials fromBase64(String auth, String where) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": auth is not base64 (run berth login again)");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(where + ": auth is not user:password in base64 (run berth login again)");
        }
        return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    @Override
    public String toString() {
        return "Credentials[" + username + ", password hidden]";
    }
}
