package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A one-off whose start fails leaves nothing behind with --rm, and stays (Created) without it, as Docker. */
@Tag("root")
class RunFailureCleanupTest extends RealRuntimeTest {
    @Test
    void aOneOffWithNoSuchExecutableIsRemovedWithRm() throws Exception {
        Path project = fixture.project("runfail", """
                services:
                  web:
                    image: busybox:local
                    command: ["sleep", "1000"]
                """);
        BerthRun failed = fixture.berth(project, "run", "--rm", "-T", "web", "no-such-executable");
        assertNotEquals(0, failed.exitCode());
        assertTrue(failed.err().contains("\"no-such-executable\": executable file not found"), failed.err());
        assertEquals("", fixture.berth(project, "ps", "-a", "-q").ok().out(), "nothing left after --rm");

        fixture.berth(project, "run", "-d", "--rm", "web", "no-such-executable");
        assertEquals("", fixture.berth(project, "ps", "-a", "-q").ok().out(), "nor after -d --rm");

        assertNotEquals(0, fixture.berth(project, "run", "-T", "web", "no-such-executable").exitCode());
        assertEquals(1, fixture.berth(project, "ps", "-a", "-q").ok().out().lines().count(), "without --rm it stays");
        fixture.berth(project, "down").ok();
    }
}
