package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** post_start and pre_stop hooks (issue 14), seen from inside the container on the real runtime. */
@Tag("root")
class LifecycleHooksComposeTest extends RealRuntimeTest {
    private static String exec(Path project, String... command) throws Exception {
        return execOut(project, "app", command);
    }

    @Test
    void postStartRunsAfterEachStartWithItsUserDirectoryAndEnvironmentAndPreStopWhileStillRunning() throws Exception {
        Path project = fixture.project("hooks", """
                services:
                  app:
                    image: busybox:local
                    command: ["sleep", "1000"]
                    volumes:
                      - ./shared:/shared
                    post_start:
                      - command: sh -c 'echo "$$GREETING from $$(pwd)" >> /tmp/post_start; echo hook-said-hello'
                        working_dir: /etc
                        environment:
                          GREETING: hello
                      - command: ["busybox", "id", "-u"]
                        user: "1000"
                    pre_stop:
                      - command: sh -c 'busybox kill -0 1 && busybox cat /proc/1/comm >> /shared/pre_stop'
                """);
        Path shared = Files.createDirectories(project.resolve("shared"));
        BerthRun up = fixture.berth(project, "up", "-d").ok();
        try {
            assertTrue((up.out() + up.err()).contains("app-1 post_start: hook-said-hello"), up.toString());
            assertTrue((up.out() + up.err()).contains("app-1 post_start: 1000"), "the hook's own user: " + up);
            assertEquals("hello from /etc\n", exec(project, "cat", "/tmp/post_start"));

            fixture.berth(project, "stop", "-t", "1").ok();
            assertEquals("sleep\n", Files.readString(shared.resolve("pre_stop")), "PID 1 was alive when pre_stop ran");

            fixture.berth(project, "start").ok();
            assertEquals("hello from /etc\nhello from /etc\n", exec(project, "cat", "/tmp/post_start"),
                    "post_start runs again after each start of the same container");

            fixture.berth(project, "restart", "-t", "1").ok();
            assertEquals("sleep\nsleep\n", Files.readString(shared.resolve("pre_stop")));

            fixture.berth(project, "up", "-d", "--scale", "app=2").ok();
            fixture.berth(project, "up", "-d", "--scale", "app=1").ok();
            assertEquals("sleep\nsleep\nsleep\n", Files.readString(shared.resolve("pre_stop")),
                    "scaling down runs the removed replica's pre_stop");
        } finally {
            fixture.berth(project, "down", "-t", "1").ok();
        }
        assertEquals("sleep\nsleep\nsleep\nsleep\n", Files.readString(shared.resolve("pre_stop")),
                "down runs pre_stop before stopping");
    }

    @Test
    void aDetachedRunRunsPostStartToo() throws Exception {
        Path project = fixture.project("run-hooks", """
                services:
                  app:
                    image: busybox:local
                    command: ["sleep", "1000"]
                    volumes:
                      - ./shared:/shared
                    post_start:
                      - command: sh -c 'echo one-off > /shared/hooked'
                """);
        Path shared = Files.createDirectories(project.resolve("shared"));
        try {
            String name = fixture.berth(project, "run", "-d", "app").ok().out().strip();
            assertEquals("one-off\n", Files.readString(shared.resolve("hooked")), name + " ran its post_start hook");
            fixture.berth(project, "rm", "-f", "-s").exitCode();
        } finally {
            fixture.berth(project, "down", "-t", "1").ok();
        }
    }

    @Test
    void aFailingPostStartFailsUpAndAFailingPreStopFailsTheStopLeavingTheContainerRunning() throws Exception {
        Path project = fixture.project("failing-hooks", """
                services:
                  app:
                    image: busybox:local
                    command: ["sleep", "1000"]
                    post_start:
                      - command: sh -c 'echo not ready; exit 3'
                    pre_stop:
                      - command: ["false"]
                """);
        try {
            BerthRun up = fixture.berth(project, "up", "-d");
            assertNotEquals(0, up.exitCode(), up.toString());
            assertTrue(up.err().contains("post_start hook sh -c echo not ready; exit 3 in"), up.toString());
            assertTrue(up.err().contains("exited with status 3"), up.toString());
            assertTrue((up.out() + up.err()).contains("app-1 post_start: not ready"), up.toString());
            assertEquals("running\n", fixture.berth(project, "ps", "--format", "{{.State}}").ok().out(),
                    "the container keeps running, as with Compose");

            BerthRun stop = fixture.berth(project, "stop", "-t", "1");
            assertNotEquals(0, stop.exitCode(), stop.toString());
            assertTrue(stop.err().contains("pre_stop hook false in"), stop.toString());
            assertEquals("running\n", fixture.berth(project, "ps", "--format", "{{.State}}").ok().out());
            assertFalse(fixture.berth(project, "down", "-t", "1").exitCode() == 0, "down fails as the stop does");
        } finally {
            fixture.berth(project, "kill").ok();
            fixture.berth(project, "down").ok();
        }
    }

    /** The service's /tmp/result once its command has written it all. */
    private static String result(Path project, String service) throws Exception {
        String text = "";
        for (int i = 0; i < 100 && !text.contains("checked"); i++) {
            Thread.sleep(100);
            text = fixture.berth(project, "exec", "-T", service, "cat", "/tmp/result").out();
        }
        return text;
    }

    @Test
    void deviceCgroupRulesAllowTheirDevicesWithTheirAccessAndNothingMore() throws Exception {
        // /dev/kmsg (c 1:11) is not among Docker's default devices; opening it write-only needs no
        // privilege beyond the device cgroup's, so the rule alone decides
        String checks = "{ busybox mknod /tmp/kmsg c 1 11; (exec 3>/tmp/kmsg && echo opened-for-write);"
                + " (exec 4</tmp/kmsg && echo opened-for-read); echo checked; } > /tmp/result 2>&1; exec sleep 1000";
        Path project = fixture.project("device-rules", """
                services:
                  app:
                    image: busybox:local
                    command: ["sh", "-c", "%s"]
                    device_cgroup_rules:
                      - "c 1:11 w"
                  plain:
                    image: busybox:local
                    command: ["sh", "-c", "%s"]
                """.formatted(checks, checks));
        fixture.berth(project, "up", "-d").ok();
        try {
            String allowed = result(project, "app");
            assertTrue(allowed.contains("opened-for-write"), allowed);
            assertFalse(allowed.contains("opened-for-read"), "the rule gives w only: " + allowed);
            assertTrue(allowed.contains("Operation not permitted"), allowed);
            String denied = result(project, "plain");
            assertFalse(denied.contains("opened-for"), denied);
            assertTrue(denied.contains("Operation not permitted"), denied);
            // an exec'd process is in the same device cgroup
            assertEquals("ok\n", exec(project, "sh", "-c", "(exec 3>/tmp/kmsg) && echo ok"));
            BerthRun plainExec = fixture.berth(project, "exec", "-T", "plain", "sh", "-c", "(exec 3>/tmp/kmsg) && echo ok");
            assertNotEquals(0, plainExec.exitCode(), plainExec.toString());
        } finally {
            fixture.berth(project, "down", "-t", "1").ok();
        }

        Path malformed = fixture.project("device-rules-bad", """
                services:
                  app:
                    image: busybox:local
                    device_cgroup_rules: ["c 1:11", "x 1:2 r"]
                """);
        BerthRun up = fixture.berth(malformed, "up", "-d");
        assertNotEquals(0, up.exitCode(), up.toString());
        assertTrue(up.err().contains("device cgroup rule \"c 1:11\" is not TYPE MAJOR:MINOR ACCESS"), up.toString());
        assertTrue(up.err().contains("\"x 1:2 r\""), up.toString());
        assertTrue(fixture.berth(malformed, "ps", "-a", "-q").ok().out().isBlank());
    }
}
