package io.berth.runtime.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tokens per scope, dropped once their lifetime is over (the registry's 401 then brings a new one). */
class RegistryAuthTest {
    /** A clock the test moves. */
    private static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aTokenIsSentForItsOwnScopeUntilItsLifetimeIsOver() {
        SteppedClock clock = new SteppedClock();
        RegistryAuth auth = new RegistryAuth(null, clock);
        String pull = RegistryAuth.pullScope("team/app");
        auth.rememberToken(pull, new BearerTokens.Token("abc", Duration.ofSeconds(300)));
        assertEquals(Optional.of("Bearer abc"), auth.header(pull));
        assertTrue(auth.header(RegistryAuth.pushScope("team/app")).isEmpty(), "a pull token never stands for push");
        clock.now = clock.now.plusSeconds(299);
        assertEquals(Optional.of("Bearer abc"), auth.header(pull));
        clock.now = clock.now.plusSeconds(1);
        assertTrue(auth.header(pull).isEmpty(), "expired: not sent");
    }
}
