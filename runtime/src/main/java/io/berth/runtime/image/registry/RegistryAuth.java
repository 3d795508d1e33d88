package io.berth.runtime.image.registry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one client has learnt about authenticating to one registry: the credentials it may use
 * (none: anonymous), the bearer tokens it holds, one per scope (a push token is never used to
 * stand for a pull one, nor the other way round), and whether the registry asked for basic auth.
 */
final class RegistryAuth {
    /** The scope of requests that need none (GET /v2/ of a login check). */
    static final String NO_SCOPE = "";
    private final Credentials credentials;
    private final Map<String, String> tokensByScope = new ConcurrentHashMap<>();
    private volatile boolean basic;

    RegistryAuth(Credentials credentials) {
        this.credentials = credentials;
    }

    Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** The Authorization header for a request of this scope, if Berth has one yet. */
    Optional<String> header(String scope) {
        if (basic && credentials != null) {
            return Optional.of(credentials.basicHeader());
        }
        String token = tokensByScope.get(scope);
        return token == null ? Optional.empty() : Optional.of("Bearer " + token);
    }

    void rememberToken(String scope, String token) {
        tokensByScope.put(scope, token);
    }

    void forgetToken(String scope) {
        tokensByScope.remove(scope);
    }

    void useBasic() {
        basic = true;
    }

    static String pullScope(String repository) {
        return "repository:" + repository + ":pull";
    }

    static String pushScope(String repository) {
        return "repository:" + repository + ":pull,push";
    }
}
