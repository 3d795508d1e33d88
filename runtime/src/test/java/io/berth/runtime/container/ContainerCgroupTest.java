package io.berth.runtime.container;

import static io.berth.runtime.container.ContainerHarness.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.container.LaunchRequest.CgroupLimits;
import io.berth.runtime.linux.ProcessCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every container in its own cgroup (v1 and v2): limits, listing, killing, removal. */
@Tag("root")
class ContainerCgroupTest {
    private static final Path UNIFIED = Path.of("/sys/fs/cgroup/unified");
    private static ContainerHarness harness;

    @BeforeAll
    static void setUp() throws Exception {
        harness = ContainerHarness.open("cgroup");
    }

    @AfterAll
    static void tearDown() throws IOException {
        ContainerHarness.close(harness);
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static void killsEveryProcessAndLeavesNothing(KernelContainerLauncher launcher, LaunchRequest request)
            throws IOException {
        LaunchedProcess process = launcher.launch(request);
        String cgroup = launcher.cgroupOf(request.id());
        try {
            await(() -> launcher.cgroups().processes(cgroup).size() == 3, "the container's three processes");
            assertTrue(launcher.cgroups().processes(cgroup).contains(process.pid()));
            assertEquals(launcher.cgroups().primaryPath(cgroup), process.cgroup());
            launcher.cgroups().killAll(cgroup);
            ProcessCalls.ExitStatus status = ProcessCalls.waitFor(process.pid());
            assertEquals(ProcessCalls.SIGKILL, status.signal());
        } finally {
            launcher.cleanup(request);
        }
        assertFalse(launcher.cgroups().exists(cgroup));
        assertFalse(Files.exists(launcher.cgroups().primaryPath(cgroup).getParent()), "the parent cgroup is removed");
        assertFalse(ContainerIsolationTest.mounted(request.rootfs()));
    }

    @Test
    void killAllKillsEveryProcessOfTheContainerThenNothingIsLeft() throws IOException {
        KernelContainerLauncher launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-test-cgroup-kill");
        killsEveryProcessAndLeavesNothing(launcher,
                harness.request(sh("sleep 1000 & sleep 1001 & wait")));
    }

    @Test
    void cgroupV2PlacesKillsAndRemovesThroughCgroupKill() throws IOException {
        Assumptions.assumeTrue(Files.exists(UNIFIED.resolve("cgroup.procs")), "needs cgroup2 at " + UNIFIED);
        KernelContainerLauncher launcher = new KernelContainerLauncher(Cgroups.v2At(UNIFIED), "berth-test-cgroup-v2");
        LaunchRequest request = harness.request(sh("grep '^0::' /proc/self/cgroup; test -r /sys/fs/cgroup/cgroup.procs && echo cgroupfs;"
                + " mkdir /sys/fs/cgroup/x 2>/dev/null || echo read-only; sleep 1000 & sleep 1001 & wait"));
        killsEveryProcessAndLeavesNothing(launcher, request);
        assertEquals("0::/\ncgroupfs\nread-only\n", ContainerHarness.stdout(request),
                "the cgroup namespace is rooted at the container's, and /sys/fs/cgroup shows it read-only");
    }

    @Test
    void limitsAreWrittenAndASmallMemoryLimitDoesNotKillTheInitStage() throws IOException {
        Cgroups cgroups = Cgroups.detect();
        KernelContainerLauncher launcher = new KernelContainerLauncher(cgroups, "berth-test-cgroup-limits");
        LaunchRequest request = ContainerHarness.withLimits(harness.request(sh("(cat /sys/fs/cgroup/memory/memory.limit_in_bytes || cat /sys/fs/cgroup/memory.max)"
                        + " 2>/dev/null; echo started; exec sleep 1000")),
                new CgroupLimits(8L << 20, null, 50_000L, 100_000L, 512L, null, 32L));
        LaunchedProcess process = launcher.launch(request);
        try {
            await(() -> {
                try {
                    return ContainerHarness.stdout(request).equals((8L << 20) + "\nstarted\n");
                } catch (IOException e) {
                    return false;
                }
            }, "the container's output");
            Path pidsMax = cgroups.version().equals("v1")
                    ? Path.of("/sys/fs/cgroup/pids", launcher.cgroupOf(request.id()), "pids.max")
                    : cgroups.primaryPath(launcher.cgroupOf(request.id())).resolve("pids.max");
            assertEquals("32", Files.readString(pidsMax).trim());
            if (cgroups.version().equals("v1")) {
                Path memory = Path.of("/sys/fs/cgroup/memory", launcher.cgroupOf(request.id()));
                assertEquals(Long.toString(8L << 20), Files.readString(memory.resolve("memory.limit_in_bytes")).trim());
                assertTrue(Files.readString(memory.resolve("cgroup.procs")).contains(Long.toString(process.pid())));
                Path cpu = Path.of("/sys/fs/cgroup/cpu", launcher.cgroupOf(request.id()));
                assertEquals("50000", Files.readString(cpu.resolve("cpu.cfs_quota_us")).trim());
                assertEquals("512", Files.readString(cpu.resolve("cpu.shares")).trim());
            }
        } finally {
            launcher.cgroups().killAll(launcher.cgroupOf(request.id()));
            ProcessCalls.waitFor(process.pid());
            launcher.cleanup(request);
        }
    }

    @Test
    void aProcessOverTheMemoryLimitIsOomKilledAndCounted() throws IOException {
        KernelContainerLauncher launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-test-cgroup-oom");
        LaunchRequest request = ContainerHarness.withLimits(
                harness.request(sh("x=$(head -c 64000000 /dev/zero | tr '\\0' a); echo survived")),
                new CgroupLimits(16L << 20, 16L << 20, null, null, null, null, null));
        LaunchedProcess process = launcher.launch(request);
        long oomKills;
        try {
            ProcessCalls.waitFor(process.pid());
            oomKills = launcher.oomKills(request.id());
        } finally {
            launcher.cleanup(request);
        }
        assertFalse(ContainerHarness.stdout(request).contains("survived"));
        assertTrue(oomKills >= 1, "oom_kill count " + oomKills);
    }

    @Test
    void devicesOtherThanTheStandardOnesCannotBeOpenedEvenWhenMade() throws IOException {
        devicesAreFiltered(Cgroups.detect(), "berth-test-cgroup-dev");
    }

    @Test
    void devicesAreFilteredOnCgroupV2ByAnEbpfProgram() throws IOException {
        Assumptions.assumeTrue(Files.exists(UNIFIED.resolve("cgroup.procs")), "needs cgroup2 at " + UNIFIED);
        devicesAreFiltered(Cgroups.v2At(UNIFIED), "berth-test-cgroup-dev2");
    }

    private static void devicesAreFiltered(Cgroups cgroups, String parent) throws IOException {
        KernelContainerLauncher launcher = new KernelContainerLauncher(cgroups, parent);
        // /dev/loop-control (c 10:237) opens for root on this host; outside Docker's list, it must not in a container
        LaunchRequest request = harness.request(sh("mknod /tmp/loopctl c 10 237 && echo made; (: < /tmp/loopctl) 2>/dev/null"
                + " && echo opened || echo denied; head -c 1 /dev/urandom | wc -c; echo x > /dev/null && echo null-ok;"
                + " ls /dev/pts/ptmx >/dev/null && echo ok"));
        LaunchedProcess process = launcher.launch(request);
        try {
            ProcessCalls.waitFor(process.pid());
        } finally {
            launcher.cleanup(request);
        }
        assertEquals("made\ndenied\n1\nnull-ok\nok\n", ContainerHarness.stdout(request) + ContainerHarness.stderr(request));
    }

    @Test
    void requestedBindAndTmpfsMountsAppearInside() throws IOException {
        KernelContainerLauncher launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-test-cgroup-mounts");
        Path data = Files.createDirectories(harness.stateRoot.resolve("data"));
        Files.writeString(data.resolve("file"), "from-host\n");
        LaunchRequest request = ContainerHarness.withMounts(harness.request(sh(
                "cat /data/file; touch /data/new 2>/dev/null; echo touch=$?; echo hi > /scratch/x && cat /scratch/x;"
                        + " grep ' /scratch ' /proc/mounts | cut -d' ' -f3")),
                List.of(new LaunchRequest.Mount("bind", data, "/data", List.of("ro"), null),
                        new LaunchRequest.Mount("tmpfs", null, "/scratch", List.of("nosuid", "nodev"), "size=1m")));
        LaunchedProcess process = launcher.launch(request);
        try {
            ProcessCalls.waitFor(process.pid());
        } finally {
            launcher.cleanup(request);
        }
        String out = ContainerHarness.stdout(request) + ContainerHarness.stderr(request);
        assertEquals("from-host\ntouch=1\nhi\ntmpfs\n", out);
        assertFalse(Files.exists(data.resolve("new")));
    }
}
