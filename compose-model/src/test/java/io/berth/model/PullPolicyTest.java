package io.berth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** pull_policy as Compose v2 reads it, the refreshing daily, weekly and every_<duration> too. */
class PullPolicyTest {
    @Test
    void dailyWeeklyAndEveryGiveTheirInterval() {
        assertEquals(Optional.of(Duration.ofDays(1)), PullPolicy.refreshInterval("daily"));
        assertEquals(Optional.of(Duration.ofDays(7)), PullPolicy.refreshInterval("weekly"));
        assertEquals(Optional.of(Duration.ofHours(12)), PullPolicy.refreshInterval("every_12h"));
        assertEquals(Optional.of(Duration.ofMinutes(90)), PullPolicy.refreshInterval("every_1h30m"));
        assertEquals(Optional.of(Duration.ofDays(2)), PullPolicy.refreshInterval("every_2d"));
        assertEquals(Optional.of(Duration.ofDays(10).plusHours(6)), PullPolicy.refreshInterval("every_1w3d6h"));
    }

    @Test
    void theFixedPoliciesHaveNoInterval() {
        for (String policy : new String[] {"always", "never", "missing", "if_not_present", "build"}) {
            assertEquals(Optional.empty(), PullPolicy.refreshInterval(policy));
            assertTrue(PullPolicy.valid(policy));
        }
        assertEquals(Optional.empty(), PullPolicy.refreshInterval(null));
    }

    @Test
    void aBadEveryIsRefused() {
        for (String policy : new String[] {"every_", "every_soon", "every_0s", "every_-1h", "every_12", "hourly"}) {
            assertFalse(PullPolicy.valid(policy), policy);
        }
        assertThrows(IllegalArgumentException.class, () -> PullPolicy.refreshInterval("every_x"));
    }
}
