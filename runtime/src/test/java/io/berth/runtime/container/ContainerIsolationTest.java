package io.berth.runtime.container;

import static io.berth.runtime.container.ContainerHarness.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.linux.ProcessCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Docker's default isolation, checked from inside a container made from the host's busybox. */
@Tag("root")
class ContainerIsolationTest {
    private static ContainerHarness harness;
    private static KernelContainerLauncher launcher;

    @BeforeAll
    static void setUp() throws Exception {
        harness = ContainerHarness.open("isolation");
        launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-test-isolation");
    }

    @AfterAll
    static void tearDown() throws IOException {
        ContainerHarness.close(harness);
    }


    private static String output(LaunchRequest request) throws IOException {
        LaunchedProcess process = launcher.launch(request);
        try {
            ProcessCalls.waitFor(process.pid());
        } finally {
            launcher.cleanup(request);
        }
        return ContainerHarness.stdout(request) + ContainerHarness.stderr(request);
    }

    @Test
    void capabilitiesAreDockersDefaultsWithNothingInheritableAndNoNewPrivileges() throws IOException {
        String status = output(harness.request(sh("grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs)' /proc/1/status")));
        assertTrue(status.contains("CapEff:\t00000000a80425fb"), status);
        assertTrue(status.contains("CapPrm:\t00000000a80425fb"), status);
        assertTrue(status.contains("CapBnd:\t00000000a80425fb"), status);
        assertTrue(status.contains("CapInh:\t0000000000000000"), status);
        assertTrue(status.contains("CapAmb:\t0000000000000000"), status);
        assertTrue(status.contains("NoNewPrivs:\t1"), status);
    }

    @Test
    void mountAndSethostnameAreRefused() throws IOException {
        String out = output(harness.request(sh(
                "mount -t tmpfs none /tmp >/dev/null 2>&1; echo mount=$?; hostname other >/dev/null 2>&1; echo hostname=$?; hostname")));
        assertFalse(out.contains("mount=0"), out);
        assertFalse(out.contains("hostname=0"), out);
        assertTrue(out.endsWith("berth-test\n"), out);
    }

    @Test
    void maskedPathsAreEmptyAndSysIsReadOnly() throws IOException {
        String out = output(harness.request(sh("echo kcore=$(cat /proc/kcore 2>/dev/null | wc -c) keys=$(wc -c < /proc/keys)"
                + " timer_list=$(wc -c < /proc/timer_list) firmware=$(ls /sys/firmware | wc -l);"
                + " touch /sys/kernel/berth 2>/dev/null; echo sys=$?;"
                + " echo 1 > /proc/sys/kernel/sysrq 2>/dev/null; echo procsys=$?;"
                + " grep -E ' /sys | /proc/sys ' /proc/mounts | cut -d' ' -f2,4")));
        assertTrue(out.contains("kcore=0 keys=0 timer_list=0 firmware=0"), out);
        assertFalse(out.contains("sys=0"), out);
        assertFalse(out.contains("procsys=0"), out);
        for (String line : out.split("\n")) {
            if (line.startsWith("/sys ") || line.startsWith("/proc/sys ")) {
                assertTrue(line.split(" ")[1].startsWith("ro,"), line);
            }
        }
    }

    @Test
    void onlyDescriptorsZeroToTwoReachTheProcess() throws IOException {
        // ls is PID 1 itself: 0-2 from the init stage, 3 the directory ls is reading, nothing else
        String out = output(harness.request(List.of("ls", "/proc/self/fd")));
        assertEquals("0\n1\n2\n3\n", out);
    }

    @Test
    void hostProcessesAreInvisible() throws IOException {
        long self = ProcessHandle.current().pid();
        String out = output(harness.request(sh("ls /proc | grep -E '^[0-9]+$' | tr '\\n' ' '; echo; ls /proc/" + self
                + "/status 2>&1 >/dev/null | wc -l")));
        String[] pids = out.split("\n")[0].trim().split(" ");
        assertTrue(pids.length <= 4, out); // the shell (1), ls, grep, tr
        assertEquals("1", pids[0], out);
        assertEquals("1", out.split("\n")[1].trim(), "the test JVM's pid must not exist inside: " + out);
    }

    @Test
    void devHasTheDefaultNodesAndLinks() throws IOException {
        String out = output(harness.request(sh("ls /dev | tr '\\n' ' '; echo; echo hi > /dev/null && echo null-ok;"
                + " head -c 4 /dev/zero | wc -c; readlink /dev/ptmx; grep -E ' /dev/(pts|shm|mqueue) ' /proc/mounts | cut -d' ' -f2,3,4")));
        for (String name : List.of("null", "zero", "full", "random", "urandom", "tty", "ptmx", "fd", "stdin", "stdout",
                "stderr", "pts", "shm", "mqueue")) {
            assertTrue(out.split("\n")[0].contains(name), name + " in " + out);
        }
        assertTrue(out.contains("null-ok\n4\npts/ptmx\n"), out);
        assertTrue(out.contains("/dev/shm tmpfs") && out.contains("size=65536k"), out);
        assertTrue(out.contains("/dev/pts devpts"), out);
    }

    @Test
    void userAndGroupsAndWorkingDirectoryComeFromTheRequest() throws IOException {
        LaunchRequest request = ContainerHarness.withUser(harness.request(sh("id; pwd; grep CapEff /proc/self/status")),
                1000, 1000, List.of(29, 44), "/home/app/work");
        String out = output(request);
        assertTrue(out.startsWith("uid=1000(app) gid=1000(app) groups="), out);
        assertTrue(out.contains("29(audio)") && out.contains("44(video)"), out);
        assertTrue(out.contains("\n/home/app/work\n"), out);
        assertTrue(out.contains("CapEff:\t0000000000000000"), out);
    }

    @Test
    void sysctlsRlimitsDomainnameReadOnlyRootAndLoopbackAreApplied() throws IOException {
        LaunchRequest request = ContainerHarness.withOptions(harness.request(sh(
                "cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/shmmni; ulimit -n; cat /proc/sys/kernel/domainname;"
                        + " touch /newfile 2>/dev/null; echo root-write=$?; (echo ok > /tmp/ok) 2>/dev/null; echo tmp-write=$?;"
                        + " ip link show lo | grep -c LOOPBACK,UP")),
                Map.of("net.ipv4.ip_forward", "1", "kernel.shmmni", "1234"),
                List.of(new LaunchRequest.Rlimit("RLIMIT_NOFILE", 321, 654)), true, "example.test");
        String out = output(request);
        assertEquals("1\n1234\n321\nexample.test\nroot-write=1\ntmp-write=1\n1\n", out);
        String hostShmmni = Files.readString(Path.of("/proc/sys/kernel/shmmni")).trim();
        assertFalse(hostShmmni.equals("1234"), "the host's kernel.shmmni must be untouched");
    }

    @Test
    void aContainerJoinsTheNetworkNamespaceItIsGiven() throws Exception {
        String name = "berth-test-" + Long.toHexString(System.nanoTime()).substring(0, 8);
        assertEquals(0, new ProcessBuilder("ip", "netns", "add", name).inheritIO().start().waitFor());
        try {
            assertEquals(0, new ProcessBuilder("ip", "-n", name, "link", "add", "bt-probe0", "type", "veth", "peer", "name", "bt-probe1")
                    .inheritIO().start().waitFor());
            LaunchRequest base = harness.request(sh("ip -o link show | cut -d: -f2 | tr -d ' ' | sort | tr '\\n' ' '"));
            LaunchRequest request = new LaunchRequest(base.id(), base.lowerDirs(), base.upperDir(), base.workDir(),
                    base.rootfs(), base.argv(), base.env(), base.workingDir(), base.uid(), base.gid(),
                    base.supplementaryGids(), base.hostname(), base.domainname(), Path.of("/run/netns", name), null,
                    base.stdout(), base.stderr(), base.stdinPath(), base.mounts(), base.capabilities(),
                    base.noNewPrivileges(), base.readOnlyRootfs(), base.sysctls(), base.rlimits(), base.shmSizeBytes(),
                    base.limits());
            assertEquals("bt-probe0@bt-probe1 bt-probe1@bt-probe0 lo ", output(request));
        } finally {
            new ProcessBuilder("ip", "netns", "del", name).inheritIO().start().waitFor();
        }
    }

    @Test
    void aSysctlThatIsNotNamespacedIsRefused() {
        LaunchRequest request = ContainerHarness.withOptions(harness.request(List.of("true")),
                Map.of("kernel.panic", "1"), List.of(), false, "");
        RuntimeException error = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> launcher.launch(request));
        assertTrue(error.getMessage().contains("sysctl kernel.panic is not namespaced"), error.getMessage());
    }

    @Test
    void aMissingCommandFailsTheLaunchAndLeavesNothing() {
        LaunchRequest request = harness.request(List.of("no-such-command"));
        RuntimeException error = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> launcher.launch(request));
        assertTrue(error.getMessage().contains("\"no-such-command\": executable file not found in $PATH"),
                error.getMessage());
        assertFalse(launcher.cgroups().exists(launcher.cgroupOf(request.id())));
        assertFalse(mounted(request.rootfs()));
    }

    /** The stage's errors name the call, the path and errno, as LinuxException does. */
    @Test
    void aCommandThatCannotBeExecutedFailsTheLaunchAsDockerWordsIt() {
        LaunchRequest request = harness.request(List.of("/etc/passwd"));
        io.berth.runtime.RuntimeOperationException error = org.junit.jupiter.api.Assertions.assertThrows(
                io.berth.runtime.RuntimeOperationException.class, () -> launcher.launch(request));
        // checked before the execve, as Docker's runtime does: its words, and 126 (found, not executable)
        assertTrue(error.getMessage().endsWith("exec: \"/etc/passwd\": permission denied"), error.getMessage());
        assertEquals(io.berth.runtime.RuntimeOperationException.Kind.COMMAND_NOT_EXECUTABLE, error.kind());
        assertFalse(launcher.cgroups().exists(launcher.cgroupOf(request.id())));
        assertFalse(mounted(request.rootfs()));
    }

    static boolean mounted(Path path) {
        try {
            return Files.readString(Path.of("/proc/self/mountinfo")).contains(" " + path + " ");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
