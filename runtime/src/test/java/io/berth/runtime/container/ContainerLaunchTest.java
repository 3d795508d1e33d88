package io.berth.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.Terminals;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("root")
class ContainerLaunchTest {
    private static ContainerHarness harness;
    private static KernelContainerLauncher launcher;

    @BeforeAll
    static void setUp() throws Exception {
        harness = ContainerHarness.open("launch");
        launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-test-launch");
    }

    @AfterAll
    static void tearDown() throws IOException {
        ContainerHarness.close(harness);
    }

    /** Launches, waits for the exit, cleans up; returns the exit code. */
    private static int run(LaunchRequest request) {
        LaunchedProcess process = launcher.launch(request);
        try {
            return ProcessCalls.waitFor(process.pid()).exitCode();
        } finally {
            launcher.cleanup(request);
        }
    }

    /** The config's escapes (InitConfig.encode) reach the command intact through berth-init's parser. */
    @Test
    void argumentsAndEnvironmentWithTabsNewlinesAndBackslashesArriveIntact() throws IOException {
        String argument = "a\tb\nc\\d\\te";
        List<String> env = List.of("PATH=/bin", "MULTI=line1\nline2", "TAB=x\ty", "BACK=\\n\\", "EMPTY=");
        LaunchRequest request = ContainerHarness.withEnv(harness.request(List.of("sh", "-c",
                "printf '%s|' \"$1\" \"$MULTI\" \"$TAB\" \"$BACK\" \"${EMPTY-unset}\"", "sh", argument)), env);
        assertEquals(0, run(request), ContainerHarness.stderr(request));
        assertEquals(argument + "|line1\nline2|x\ty|\\n\\||", ContainerHarness.stdout(request));
    }

    @Test
    void parallelLaunchesAndCleanupsShareTheParentCgroupSafely() throws Exception {
        int count = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(count);
        try {
            List<java.util.concurrent.Future<Integer>> exits = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                exits.add(pool.submit(() -> run(harness.request(ContainerHarness.sh("exit " + n)))));
            }
            for (int i = 0; i < count; i++) {
                assertEquals(i, exits.get(i).get().intValue());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(!Files.exists(launcher.cgroups().primaryPath("berth-test-launch/x").getParent()),
                "the shared parent cgroup is gone with the last container");
    }

    @Test
    void aTerminalLaunchGivesPid1TheFirstPtyOfItsDevptsAsStdioAndControllingTerminal() {
        LaunchRequest request = ContainerHarness.withUser(harness.request(ContainerHarness.sh(
                "tty; stty size; id -u; ls -l /dev/pts/0 | cut -c1-10; test -t 0 && echo tty-in; "
                        + "read line; echo got-$line; exit 4")), 1000, 1000, List.of(), "/");
        LaunchedProcess process = launcher.launch(request, ContainerStdio.TERMINAL, new Terminals.WindowSize(27, 101));
        StringBuilder output = new StringBuilder();
        try {
            PtyAttachment terminal = new PtyAttachment(process.stdioFd());
            terminal.write("typed\r".getBytes(StandardCharsets.UTF_8));
            for (byte[] bytes; (bytes = terminal.read(java.time.Duration.ofSeconds(10))) != null; ) {
                output.append(new String(bytes, StandardCharsets.UTF_8));
            }
            assertEquals(4, ProcessCalls.waitFor(process.pid()).exitCode(), output.toString());
        } finally {
            FdCalls.closeQuietly(process.stdioFd());
            launcher.cleanup(request);
        }
        String text = output.toString().replaceFirst("typed\r\n", ""); // the terminal's echo, whenever it came
        assertEquals("/dev/pts/0\r\n27 101\r\n1000\r\ncrw--w----\r\ntty-in\r\ngot-typed\r\n", text);
    }

    @Test
    void aStdinPipeLaunchReadsWhatIsWrittenUntilItsEnd() throws IOException {
        LaunchRequest request = harness.request(List.of("cat"));
        LaunchedProcess process = launcher.launch(request, ContainerStdio.STDIN_PIPE, null);
        try {
            FdCalls.writeAll(process.stdioFd(), "piped\n");
        } finally {
            FdCalls.closeQuietly(process.stdioFd());
        }
        try {
            assertEquals(0, ProcessCalls.waitFor(process.pid()).exitCode());
        } finally {
            launcher.cleanup(request);
        }
        assertEquals("piped\n", ContainerHarness.stdout(request));
    }

    @Test
    void theCommandIsPid1WithTheRequestedHostname() throws IOException {
        LaunchRequest request = harness.request(ContainerHarness.sh("echo pid=$$; hostname; exit 3"));
        long start = System.nanoTime();
        int exit = run(request);
        System.out.printf("launch+run+cleanup took %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertEquals("", ContainerHarness.stderr(request));
        assertEquals("pid=1\nberth-test\n", ContainerHarness.stdout(request));
        assertEquals(3, exit);
    }
}
