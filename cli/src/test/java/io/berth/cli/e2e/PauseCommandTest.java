package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** pause and unpause on real containers: frozen, shown paused, alive to the supervisor, stoppable. */
@Tag("root")
class PauseCommandTest extends RealRuntimeTest {
    @Test
    void pausedContainersAreFrozenShownPausedAndStillAlive() throws Exception {
        Path project = fixture.project("paused", """
                services:
                  counter:
                    image: busybox:local
                    command: ["sh", "-c", "i=0; while true; do i=$$((i+1)); echo $$i > /tmp/n.new; mv /tmp/n.new /tmp/n; busybox usleep 20000; done"]
                  other:
                    image: busybox:local
                    command: ["sleep", "1000"]
                """);
        fixture.berth(project, "up", "-d").ok();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> counter(project) > 0);

        fixture.berth(project, "pause", "counter").ok();
        assertEquals("counter paused\nother running\n",
                fixture.berth(project, "ps", "--format", "{{.Service}} {{.State}}").ok().out());
        assertTrue(fixture.berth(project, "ps").ok().out().contains("(Paused)"));
        long frozenAt = counter(project);
        Thread.sleep(1500); // the supervisor's reaper and health checks run meanwhile
        assertEquals(frozenAt, counter(project), "no process of a paused container runs");
        assertEquals("paused\n", fixture.berth(project, "ps", "-a", "--format", "{{.State}}", "counter").ok().out(),
                "a frozen container is not taken for an exited one");
        io.berth.runtime.Runtimes.shutdownSupervisor(fixture.config); // the next command starts one, which re-adopts
        assertEquals("paused\n", fixture.berth(project, "ps", "-a", "--format", "{{.State}}", "counter").ok().out(),
                "a new supervisor re-adopts a paused container as paused");
        assertEquals(frozenAt, counter(project));
        BerthRun exec = fixture.berth(project, "exec", "-T", "counter", "true");
        assertEquals(1, exec.exitCode());
        assertTrue(exec.err().contains("is paused, unpause the container before exec"), exec.err());

        fixture.berth(project, "unpause").ok();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> counter(project) > frozenAt);
        assertEquals("running\n", fixture.berth(project, "ps", "--format", "{{.State}}", "counter").ok().out());

        fixture.berth(project, "pause").ok();
        assertEquals("paused\npaused\n", fixture.berth(project, "ps", "--format", "{{.State}}").ok().out());
        fixture.berth(project, "stop", "-t", "1", "other").ok();
        assertEquals("exited\n", fixture.berth(project, "ps", "-a", "--format", "{{.State}}", "other").ok().out(),
                "stop thaws a paused container first");
        fixture.berth(project, "down").ok();
        assertEquals("", fixture.berth(project, "ps", "-a", "-q").ok().out(), "down removes paused containers");
    }

    /**
     * The counter's last value, read with cp (which works on paused containers too). The container
     * renames each value into place: frozen between a truncate and a write, /tmp/n would be empty.
     */
    private static long counter(Path project) throws Exception {
        Path copy = project.resolve("n");
        Files.deleteIfExists(copy);
        BerthRun run = fixture.berth(project, "cp", "counter:/tmp/n", copy.toString());
        if (run.exitCode() != 0) {
            return 0;
        }
        String text = Files.readString(copy).trim();
        assertNotEquals("", text);
        return Long.parseLong(text);
    }
}
