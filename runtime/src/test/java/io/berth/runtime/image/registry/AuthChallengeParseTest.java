package io.berth.runtime.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeParseTest {
    @Test
    void parsesDockerHubsChallenge() {
        AuthChallenge challenge = AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\","
                + "service=\"registry.docker.io\",scope=\"repository:library/busybox:pull\"").orElseThrow();
        assertTrue(challenge.isBearer());
        assertEquals(Map.of("realm", "https://auth.docker.io/token", "service", "registry.docker.io",
                "scope", "repository:library/busybox:pull"), challenge.parameters());
    }

    @Test
    void parsesUnquotedValuesAndOtherSchemes() {
        AuthChallenge basic = AuthChallenge.parse("Basic realm=Registry").orElseThrow();
        assertFalse(basic.isBearer());
        assertEquals("Registry", basic.parameters().get("realm"));
        AuthChallenge escaped = AuthChallenge.parse("bearer realm=\"a\\\"b\", error=\"insufficient_scope\"").orElseThrow();
        assertEquals("a\"b", escaped.parameters().get("realm"));
        assertEquals("insufficient_scope", escaped.parameters().get("error"));
        assertTrue(AuthChallenge.parse("").isEmpty());
    }
}
