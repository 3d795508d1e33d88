package io.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** device_cgroup_rules as Docker writes them: TYPE MAJOR:MINOR ACCESS. */
class DeviceCgroupRuleTest {
    @Test
    void numbersAndWildcardsAreRead() {
        assertEquals(new DeviceCgroupRule('c', 1, 3, "mr"), DeviceCgroupRule.parse("c 1:3 mr"));
        assertEquals(new DeviceCgroupRule('a', -1, -1, "rwm"), DeviceCgroupRule.parse("a *:* rwm"));
        assertEquals(new DeviceCgroupRule('b', 8, -1, "r"), DeviceCgroupRule.parse(" b 8:* r "));
    }

    @Test
    void anythingElseIsRefusedNamingTheRuleAndTheForm() {
        for (String bad : new String[] {"c 1:3", "x 1:3 r", "c 1:3 rx", "c one:3 r", "c 1:3  r", "c 1234567890:1 r", ""}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> DeviceCgroupRule.parse(bad), bad);
            assertTrue(refused.getMessage().contains("\"" + bad + "\" is not TYPE MAJOR:MINOR ACCESS"),
                    refused.getMessage());
        }
    }
}
