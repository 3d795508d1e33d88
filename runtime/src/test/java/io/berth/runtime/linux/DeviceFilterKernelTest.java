package io.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cgroup v2 device filter on the real kernel: a shell moves itself into a cgroup2 directory
 * the filter is attached to and opens devices there (the host's v1 devices cgroup allows all).
 */
@Tag("root")
class DeviceFilterKernelTest {
    private static final Path UNIFIED = Path.of("/sys/fs/cgroup/unified");
    private Path cgroup;

    @BeforeEach
    void makeCgroup() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "cgroups need root");
        Assumptions.assumeTrue(Files.exists(UNIFIED.resolve("cgroup.procs")), "no cgroup2 hierarchy at " + UNIFIED);
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/kmsg")), "no /dev/kmsg");
        cgroup = Files.createTempDirectory(UNIFIED, "berth-test-devfilter-");
    }

    @AfterEach
    void removeCgroup() throws IOException {
        if (cgroup != null) {
            Files.delete(cgroup); // empty once the shell has exited; the filter goes with it
        }
    }

    /** What a shell in the cgroup could open: "null-rw kmsg-w kmsg-r" for each that worked. */
    private String opened() throws Exception {
        String script = "echo $$ > " + cgroup.resolve("cgroup.procs") + " || exit 9;"
                + " (exec 3<>/dev/null) 2>/dev/null && printf 'null-rw ';"
                + " (exec 3>/dev/kmsg) 2>/dev/null && printf 'kmsg-w ';"
                + " (exec 3</dev/kmsg) 2>/dev/null && printf 'kmsg-r ';"
                + " (exec 3>/dev/loop-control) 2>/dev/null && printf 'loop-control ';"
                + " true";
        Process shell = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        shell.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, shell.exitValue(), out);
        return out.strip();
    }

    @Test
    void dockersDefaultsAloneDenyWhatTheyDoNotList() throws Exception {
        DeviceFilter.attach(cgroup.toString(), DeviceFilter.DOCKER_DEFAULTS);
        assertEquals("null-rw", opened());
    }

    @Test
    void aRuleAllowsItsDeviceWithItsAccessOnly() throws Exception {
        DeviceFilter.attach(cgroup.toString(), DeviceFilter.DOCKER_DEFAULTS,
                List.of(new DeviceFilter.Rule('c', 1, 11, "w")));
        assertEquals("null-rw kmsg-w", opened());
    }

    @Test
    void typeAllAndWildcardsMatchEveryDevice() throws Exception {
        DeviceFilter.attach(cgroup.toString(), DeviceFilter.DOCKER_DEFAULTS,
                List.of(new DeviceFilter.Rule('a', -1, -1, "rwm")));
        String opened = opened();
        assertTrue(opened.contains("kmsg-w"), opened);
    }

    @Test
    void aWildcardMinorMatchesTheMajorsDevicesOnly() throws Exception {
        DeviceFilter.attach(cgroup.toString(), DeviceFilter.DOCKER_DEFAULTS,
                List.of(new DeviceFilter.Rule('c', 1, -1, "w"), new DeviceFilter.Rule('b', -1, -1, "rw")));
        assertEquals("null-rw kmsg-w", opened(), "10:237 is neither c 1:* nor a block device");
    }
}
