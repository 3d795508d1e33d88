package io.berth.runtime.container;

import static io.berth.runtime.container.ContainerHarness.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ProcessEntry;
import io.berth.runtime.linux.Capabilities;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.Terminals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** exec and top against one long-running container. */
@Tag("root")
class ContainerExecTest {
    private static Path stateRoot;
    private static KernelContainerLauncher launcher;
    private static LaunchRequest container;
    private static LaunchedProcess process;

    @BeforeAll
    static void setUp() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root: namespaces, mounts, cgroups");
        Assumptions.assumeTrue(Files.isExecutable(BusyboxRootfs.BUSYBOX), "needs /bin/busybox (busybox-static)");
        stateRoot = Files.createTempDirectory("berth-test-exec-");
        ContainerHarness harness = new ContainerHarness(stateRoot);
        launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-test-exec");
        container = harness.request(List.of("sleep", "1000"));
        process = launcher.launch(container);
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (process != null) {
            launcher.killAll(container.id());
            ProcessCalls.waitFor(process.pid());
            launcher.cleanup(container);
            assertTrue(!launcher.cgroups().exists(launcher.cgroupOf(container.id())));
        }
        ContainerHarness.deleteTree(stateRoot);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result exec(List<String> argv, List<String> extraEnv, String user, String workingDir) {
        UserResolver.ResolvedUser resolved = ContainerFiles.resolveUser(process.pid(), user);
        List<String> env = new ArrayList<>(container.env());
        env.addAll(extraEnv);
        int[] pipe = FdCalls.pipe();
        int devNull = FdCalls.open("/dev/null", FdCalls.O_RDONLY, 0);
        int exit;
        try {
            exit = ContainerExec.run(new ExecRequest(process.pid(), launcher.cgroupProcs(container.id()), argv, env,
                    workingDir, resolved.uid(), resolved.gid(), resolved.supplementaryGids(),
                    Capabilities.DOCKER_DEFAULTS, true, false, new int[] {devNull, pipe[1], pipe[1]}));
        } finally {
            FdCalls.closeQuietly(pipe[1]);
            FdCalls.closeQuietly(devNull);
        }
        String output = new String(FdCalls.readToEnd(pipe[0]), StandardCharsets.UTF_8);
        FdCalls.closeQuietly(pipe[0]);
        return new Result(exit, output);
    }

    @Test
    void execRunsInTheContainersNamespacesWithItsUserEnvironmentAndDirectory() {
        Result result = exec(sh("echo $HOME $EXTRA; id; pwd; hostname; echo pid=$$; ls /proc | grep -c '^[0-9]'; "
                + "grep -E 'CapEff|NoNewPrivs' /proc/self/status; sleep 0.3; cat /proc/self/cgroup | grep -c ':/$'; exit 5"),
                List.of("EXTRA=extra"), "app", "/tmp");
        String[] lines = result.output().split("\n");
        assertEquals(5, result.exitCode(), result.output());
        assertEquals("/root extra", lines[0], result.output());
        assertTrue(lines[1].startsWith("uid=1000(app) gid=1000(app) groups=") && lines[1].contains("29(audio)"), result.output());
        assertEquals("/tmp", lines[2]);
        assertEquals("berth-test", lines[3]);
        int pid = Integer.parseInt(lines[4].substring(4));
        assertTrue(pid > 1 && pid < 100, "a PID of the container's namespace: " + pid);
        assertTrue(Integer.parseInt(lines[5]) <= 5, "sees only the container's processes: " + result.output());
        assertEquals("CapEff:\t0000000000000000", lines[6]);
        assertEquals("NoNewPrivs:\t1", lines[7]);
        assertTrue(Integer.parseInt(lines[8]) >= 1, "in the container's cgroup (\"/\" in its cgroup namespace): "
                + result.output());
    }

    @Test
    void aPtyExecAsAnotherUserGetsATerminalOfTheContainersDevpts() {
        UserResolver.ResolvedUser app = ContainerFiles.resolveUser(process.pid(), "app");
        ContainerExec.TerminalExec exec = ContainerExec.startWithTerminal(new ExecRequest(process.pid(),
                launcher.cgroupProcs(container.id()), sh("tty; stty size; id -u; test -t 0 && echo tty-in; exit 3"),
                container.env(), "/", app.uid(), app.gid(), app.supplementaryGids(), Capabilities.DOCKER_DEFAULTS,
                true, false, null), new Terminals.WindowSize(31, 97));
        StringBuilder output = new StringBuilder();
        try {
            PtyAttachment terminal = new PtyAttachment(exec.master());
            for (byte[] bytes; (bytes = terminal.read(java.time.Duration.ofSeconds(10))) != null; ) {
                output.append(new String(bytes, StandardCharsets.UTF_8));
            }
        } finally {
            FdCalls.closeQuietly(exec.master());
        }
        assertEquals(3, ProcessCalls.waitFor(exec.pid()).exitCode(), output.toString());
        String[] lines = output.toString().split("\r\n");
        // tty(1) names the device only if it finds it in its own /dev: the container's devpts
        assertTrue(lines[0].matches("/dev/pts/\\d+"), output.toString());
        assertEquals("31 97", lines[1]);
        assertEquals("1000", lines[2]);
        assertEquals("tty-in", lines[3]);
    }

    @Test
    void execAsRootGetsTheContainersCapabilities() {
        Result result = exec(List.of("grep", "CapEff", "/proc/self/status"), List.of(), "", null);
        assertEquals("CapEff:\t00000000a80425fb\n", result.output());
        assertEquals(0, result.exitCode());
    }

    @Test
    void aMissingCommandIsReportedLikeDocker() {
        RuntimeException error = assertThrows(RuntimeException.class,
                () -> exec(List.of("no-such-tool"), List.of(), "", null));
        assertTrue(error.getMessage().contains("\"no-such-tool\": executable file not found in $PATH"), error.getMessage());
    }

    @Test
    void aPidThatNoLongerNamesTheContainersProcessIsNotJoined() {
        // as if the container had exited and its number gone to a later process: the start time differs
        RuntimeException error = assertThrows(RuntimeException.class, () -> ContainerExec.run(new ExecRequest(
                process.pid(), process.startTime() + 1, launcher.cgroupProcs(container.id()), List.of("true"),
                container.env(), "/", 0, 0, List.of(), Capabilities.DOCKER_DEFAULTS, false, false, null,
                List.of(), null)));
        assertTrue(error.getMessage().contains("has exited"), error.getMessage());
        assertEquals(0, ContainerExec.run(new ExecRequest(process.pid(), process.startTime(),
                launcher.cgroupProcs(container.id()), List.of("true"), container.env(), "/", 0, 0, List.of(),
                Capabilities.DOCKER_DEFAULTS, false, false, null, List.of(), null)), "the right start time is joined");
    }

    @Test
    void topListsTheContainersProcesses() {
        long detached = ContainerExec.start(new ExecRequest(process.pid(), launcher.cgroupProcs(container.id()),
                List.of("sleep", "999"), container.env(), "/", 0, 0, List.of(), Capabilities.DOCKER_DEFAULTS, true,
                true, null));
        // the exec'd process joins the cgroup just after its spawn, before its execve: wait for both
        ContainerCgroupTest.await(() -> launcher.top(container.id()).stream()
                .anyMatch(e -> e.pid() == detached && e.command().equals("sleep 999")), "the exec'd sleep in top");
        List<ProcessEntry> top = launcher.top(container.id());
        ProcessEntry first = top.stream().filter(e -> e.pid() == process.pid()).findFirst().orElseThrow();
        assertEquals("sleep 1000", first.command());
        assertEquals("root", first.uid());
        assertEquals("?", first.tty());
        ProcessEntry second = top.stream().filter(e -> e.pid() == detached).findFirst().orElseThrow();
        assertEquals("sleep 999", second.command());
        ProcessCalls.kill(detached, ProcessCalls.SIGKILL);
    }
}
