package io.berth.runtime.container;

import static io.berth.runtime.container.ContainerHarness.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.container.LaunchRequest.CgroupLimits;
import io.berth.runtime.linux.Capabilities;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.ProcessCalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 1: what an exec'd command forks at once is in every cgroup of the container, so its
 * pids, memory and device limits hold (the command was spawned and then moved before: a child
 * forked in between stayed in the caller's cgroups, outside the device filter and the limits).
 */
@Tag("root")
class ExecJoinsBeforeExecTest {
    private static ContainerHarness harness;
    private static KernelContainerLauncher launcher;
    private static LaunchRequest container;
    private static LaunchedProcess process;

    @BeforeAll
    static void setUp() throws Exception {
        harness = ContainerHarness.open("execjoin");
        launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-test-execjoin");
        container = ContainerHarness.withLimits(harness.request(sh("while :; do sleep 1; done")) /* a PID 1 that reaps orphans */,
                new CgroupLimits(24L << 20, 24L << 20, null, null, null, null, 12L));
        process = launcher.launch(container);
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (process != null) {
            launcher.killAll(container.id());
            ProcessCalls.waitFor(process.pid());
            launcher.cleanup(container);
            assertFalse(launcher.cgroups().exists(launcher.cgroupOf(container.id())));
        }
        ContainerHarness.close(harness);
    }

    static String exec(List<String> argv) {
        int[] pipe = FdCalls.pipe();
        int devNull = FdCalls.open("/dev/null", FdCalls.O_RDONLY, 0);
        try {
            ContainerExec.run(new ExecRequest(process.pid(), launcher.cgroupProcs(container.id()), argv,
                    container.env(), "/", 0, 0, List.of(), Capabilities.DOCKER_DEFAULTS, false, false,
                    new int[] {devNull, pipe[1], pipe[1]}));
        } finally {
            FdCalls.closeQuietly(pipe[1]);
            FdCalls.closeQuietly(devNull);
        }
        String output = new String(FdCalls.readToEnd(pipe[0]), StandardCharsets.UTF_8);
        FdCalls.closeQuietly(pipe[0]);
        return output;
    }

    @Test
    void aChildForkedAtOnceIsInEveryCgroupOfTheContainer() throws IOException {
        String marker = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));
        exec(sh("sleep " + marker + " >/dev/null 2>&1 & exit 0"));
        List<Long> children = hostPidsOf("sleep\0" + marker);
        try {
            assertEquals(1, children.size(), "the forked sleep: " + children);
            String pid = Long.toString(children.get(0));
            for (Path procs : launcher.cgroupProcs(container.id())) {
                assertTrue(Files.readAllLines(procs).contains(pid), pid + " in " + procs + "; its cgroups: "
                        + Files.readString(Path.of("/proc", pid, "cgroup")));
            }
        } finally {
            children.forEach(pid -> ProcessCalls.killIfAlive(pid, ProcessCalls.SIGKILL));
        }
    }

    /** Whatever a test left in the container but its PID 1. */
    @AfterEach
    void killExecs() {
        for (long pid : launcher.cgroups().processes(launcher.cgroupOf(container.id()))) {
            if (pid != process.pid()) {
                ProcessCalls.killIfAlive(pid, ProcessCalls.SIGKILL);
            }
        }
    }

    @Test
    void thePidsLimitHoldsForWhatAnExecForks() {
        String output = exec(sh("for i in $(seq 30); do sleep 30 & done; echo started"));
        int inside = launcher.cgroups().processes(launcher.cgroupOf(container.id())).size();
        assertTrue(output.contains("can't fork"), output);
        assertTrue(inside <= 12, "at most pids.max (12) processes in the container: " + inside);
    }

    @Test
    void theMemoryLimitHoldsForWhatAnExecForks() {
        long before = launcher.oomKills(container.id());
        String output = exec(sh("(x=$(head -c 64000000 /dev/zero | tr '\\0' a); echo survived) & wait"));
        assertFalse(output.contains("survived"), output);
        assertTrue(launcher.oomKills(container.id()) > before, "an OOM kill in the container's memory cgroup");
    }

    @Test
    void aHostDeviceMadeByAnExecsChildCannotBeOpened() {
        String output = exec(sh("(mknod /tmp/loopctl-exec c 10 237 && echo made; (: < /tmp/loopctl-exec) 2>/dev/null"
                + " && echo opened || echo denied; rm -f /tmp/loopctl-exec) & wait"));
        assertEquals("made\ndenied\n", output);
    }

    /** Host PIDs whose command line is exactly {@code cmdline} (NUL-separated arguments). */
    static List<Long> hostPidsOf(String cmdline) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String line = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (line.equals(cmdline + "\0")) {
                        pids.add(Long.parseLong(entry.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return pids;
    }
}
