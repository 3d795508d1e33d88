package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code privileged: true} and {@code cap_add: [ALL]} give every capability the host can give: its
 * bounding set. On a host whose bounding set lacks one (this machine kind lacks CAP_SYS_RESOURCE)
 * asking for all 41 made capset fail with EPERM and no privileged container could start.
 */
@Tag("root")
class PrivilegedComposeTest extends RealRuntimeTest {
    @Test
    void privilegedAndCapAddAllGetTheHostsBoundingSet() throws Exception {
        Path project = fixture.project("privileged", """
                services:
                  privileged:
                    image: busybox:local
                    privileged: true
                    command: ["sh", "-c", "grep CapEff /proc/self/status"]
                  all:
                    image: busybox:local
                    cap_add: [ALL]
                    command: ["sh", "-c", "grep CapEff /proc/self/status"]
                """);
        long bounding = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("CapBnd:"))
                .map(line -> Long.parseUnsignedLong(line.substring(7).trim(), 16)).findFirst().orElseThrow();
        long known = (1L << (Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/kernel/cap_last_cap")).get(0).trim()) + 1)) - 1;
        String expected = String.format("%016x", bounding & known);
        for (String service : List.of("privileged", "all")) {
            BerthRun run = fixture.berth(project, "run", "--rm", "-T", service).ok();
            assertEquals("CapEff:\t" + expected + "\n", run.out(), service);
        }
    }
}
