package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Configuration the runtime cannot honour is refused by up, create and run before anything is
 * made: every problem at once, a non-zero exit, and no network, volume, container or mount left.
 */
@Tag("root")
class ConfigPreflightTest extends RealRuntimeTest {
    private static final String BAD_SERVICE = """
            services:
              bad:
                image: busybox:local
                command: ["true"]
                cap_add: [NOT_A_CAP, NET_ADMIN]
                cap_drop: [ALSO_NOT_A_CAP]
                user: nosuchuser
                group_add: [nosuchgroup, "4242"]
                devices: ["/dev/berth-no-such-device:/dev/x"]
                sysctls:
                  kernel.panic: "1"
                  net.ipv4.berth_no_such_setting: "1"
                  net.ipv4.conf.eth0.rp_filter: "1"
                volumes: [data:/data]
              good:
                image: busybox:local
                command: ["sleep", "1000"]
                volumes: [data:/data]
            volumes:
              data: {}
            """;
    private static final List<String> PROBLEMS = List.of(
            "service bad: cap_add: unknown capability: \"CAP_NOT_A_CAP\"",
            "service bad: cap_drop: unknown capability: \"CAP_ALSO_NOT_A_CAP\"",
            "service bad: sysctls: kernel.panic is not namespaced",
            "service bad: sysctls: net.ipv4.berth_no_such_setting: this kernel has no such setting",
            "service bad: user: unable to find user nosuchuser: no matching entries in passwd file",
            "service bad: group_add: unable to find group nosuchgroup: no matching entries in group file",
            "service bad: devices: /dev/berth-no-such-device: no such file or directory on this host");

    private static void assertRefusedLeavingNothing(String projectName, BerthRun run) throws Exception {
        assertNotEquals(0, run.exitCode(), run.toString());
        for (String problem : PROBLEMS) {
            assertTrue(run.err().contains(problem), "missing \"" + problem + "\" in:\n" + run.err());
        }
        assertFalse(run.err().contains("rp_filter"), "a per-interface sysctl is judged by default/: " + run.err());
        assertFalse(run.err().contains("4242"), "a numeric group needs no entry: " + run.err());
        Map<String, String> ofProject = Map.of("com.docker.compose.project", projectName);
        assertEquals(List.of(), fixture.runtime.listContainers(ofProject), "no container");
        assertEquals(List.of(), fixture.runtime.listNetworks(ofProject), "no network");
        assertEquals(List.of(), fixture.runtime.listVolumes(ofProject), "no volume");
        assertFalse(Files.readString(Path.of("/proc/mounts")).contains(fixture.root.toString()), "no mount");
    }

    @Test
    void upCreateAndRunRefuseEveryProblemBeforeMakingAnything() throws Exception {
        Path project = fixture.project("prefl", BAD_SERVICE);
        try {
            assertRefusedLeavingNothing("prefl", fixture.berth(project, "up", "-d"));
            assertRefusedLeavingNothing("prefl", fixture.berth(project, "create"));
            assertRefusedLeavingNothing("prefl", fixture.berth(project, "run", "--rm", "-T", "bad"));
            fixture.berth(project, "up", "-d", "good").ok(); // the other service is fine on its own
        } finally {
            fixture.berth(project, "down", "-v").ok();
        }
    }

    /** run checks its one-off before it brings the dependencies up: none of them is started for nothing. */
    @Test
    void runRefusesItsOneOffBeforeStartingItsDependencies() throws Exception {
        Path project = fixture.project("prefldeps", """
                services:
                  db:
                    image: busybox:local
                    command: ["sleep", "1000"]
                  app:
                    image: busybox:local
                    command: ["true"]
                    cap_add: [NOT_A_CAP]
                    depends_on: [db]
                """);
        try {
            BerthRun run = fixture.berth(project, "run", "--rm", "-T", "app");
            assertNotEquals(0, run.exitCode(), run.toString());
            assertTrue(run.err().contains("service app: cap_add: unknown capability: \"CAP_NOT_A_CAP\""), run.err());
            Map<String, String> ofProject = Map.of("com.docker.compose.project", "prefldeps");
            assertEquals(List.of(), fixture.runtime.listContainers(ofProject), "db was not started for nothing");
            assertEquals(List.of(), fixture.runtime.listNetworks(ofProject), "no network");
        } finally {
            fixture.berth(project, "down").ok();
        }
    }
}
