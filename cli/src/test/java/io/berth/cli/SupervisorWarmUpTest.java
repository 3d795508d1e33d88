package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SupervisorWarmUpTest {
    @Test
    void composeCommandsWarmUpTheSupervisorClient() {
        assertTrue(SupervisorWarmUp.namesComposeCommand(new String[] {"ps"}));
        assertTrue(SupervisorWarmUp.namesComposeCommand(new String[] {"-f", "a.yaml", "up", "-d"}));
        assertTrue(SupervisorWarmUp.namesComposeCommand(new String[] {"-p", "demo", "logs", "-f"}));
        assertTrue(SupervisorWarmUp.namesComposeCommand(new String[] {"-pdemo", "-f", "a.yaml", "ps"}));
        assertTrue(SupervisorWarmUp.namesComposeCommand(new String[] {"--debug", "--project-directory=x", "ls"}));
    }

    @Test
    void commandsThatNeverAskTheSupervisorDoNot() {
        assertFalse(SupervisorWarmUp.namesComposeCommand(new String[] {}));
        assertFalse(SupervisorWarmUp.namesComposeCommand(new String[] {"--help"}));
        assertFalse(SupervisorWarmUp.namesComposeCommand(new String[] {"version"}));
        assertFalse(SupervisorWarmUp.namesComposeCommand(new String[] {"config", "-q"}));
        assertFalse(SupervisorWarmUp.namesComposeCommand(new String[] {"completion"}));
        assertFalse(SupervisorWarmUp.namesComposeCommand(new String[] {"--", "ps"}));
        assertFalse(SupervisorWarmUp.namesComposeCommand(new String[] {"-p", "ps", "config"}));
        assertFalse(SupervisorWarmUp.namesComposeCommand(new String[] {"image", "ls"}));
    }

    @Test
    void onlyWithACoreBesideTheMainThreadsUnlessTold() {
        assertFalse(SupervisorWarmUp.wanted(null, 1));
        assertTrue(SupervisorWarmUp.wanted(null, 2));
        assertTrue(SupervisorWarmUp.wanted("true", 1));
        assertFalse(SupervisorWarmUp.wanted("false", 8));
    }

    @Test
    void theWarmUpConnectsToNothingAndNeverThrows() {
        // No supervisor, no state root: it only loads and initialises classes.
        io.berth.runtime.Runtimes.warmUp();
    }
}
