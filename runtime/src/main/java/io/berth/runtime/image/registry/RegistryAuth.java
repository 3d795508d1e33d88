package io.berth.runtime.image.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one client has learnt about authenticating to one registry: the credentials it may use
 * (none: anonymous), the bearer tokens it holds, one per scope (a push token is never used to
 * stand for a pull one, nor the other way round) until their {@code expires_in} has passed, and
 * whether the registry asked for basic auth.
 */
final class RegistryAuth {
    /** The scope of requests that need none (GET /v2/ of a login check). */
    static final String NO_SCOPE = "";
    private final Credentials credentials;
    private final Map<String, Held> tokensByScope = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile boolean basic;

    /** A token and when it stops being sent (its lifetime from when it was received). */
    private record Held(String token, Instant expires) {
    }

    RegistryAuth(Credentials credentials) {
        this(credentials, Clock.systemUTC());
    }

    RegistryAuth(Credentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** The Authorization header for a request of this scope, if Berth has one yet. */
    Optional<String> header(String scope) {
        if (basic && credentials != null) {
            return Optional.of(credentials.basicHeader());
        }
        Held held = tokensByScope.get(scope);
        if (held == null || !clock.instant().isBefore(held.expires())) {
            return Optional.empty(); // none yet, or expired: the registry's 401 gets a new one
        }
        return Optional.of("Bearer " + held.token());
    }

    void rememberToken(String scope, BearerTokens.Token token) {
        tokensByScope.put(scope, new Held(token.value(), clock.instant().plus(token.lifetime())));
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
