package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerAttachment;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.Terminals.WindowSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * exec and run with a pseudo-terminal, as Docker Compose v2 gives one when the CLI's stdin is a
 * terminal: the CLI runs under a pty of the test's own ({@link PtyBerth}), which the test types into.
 */
@Tag("root")
class TerminalComposeTest extends RealRuntimeTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String PROJECT = """
            services:
              web:
                image: busybox:local
                command: ["sh", "-c", "exec sleep 1000"]
            """;
    private static Path project;

    @BeforeAll
    static void upAProject() throws Exception {
        if (!containersCanRun()) {
            return; // every test is skipped, with the reason
        }
        project = fixture.project("tty", PROJECT);
        fixture.berth(project, "up", "-d").ok();
    }

    @Test
    void execAtATerminalGetsAPtyOfTheContainerSizedAsTheCallersTerminal() throws Exception {
        try (PtyBerth berth = PtyBerth.start(project, fixture.config, new WindowSize(33, 101),
                "exec", "web", "sh", "-c", "tty; stty size; test -t 0 && echo stdin-is-a-tty; exit 7")) {
            assertEquals(7, berth.awaitExit(PATIENCE), berth.output());
            String output = berth.await("stdin-is-a-tty", PATIENCE);
            assertTrue(output.matches("(?s).*/dev/pts/\\d+\r?\n.*"), output);
            assertTrue(output.contains("33 101"), output);
        }
    }

    @Test
    void execDashTAtATerminalGetsNoTerminal() throws Exception {
        try (PtyBerth berth = PtyBerth.start(project, fixture.config, new WindowSize(24, 80),
                "exec", "-T", "web", "sh", "-c", "test -t 0 || echo no-tty-in; test -t 1 || echo no-tty-out; exit 5")) {
            assertEquals(5, berth.awaitExit(PATIENCE), berth.output());
            berth.await("no-tty-out", PATIENCE);
            assertTrue(berth.output().contains("no-tty-in"), berth.output());
        }
    }

    @Test
    void anInteractiveShellInExecSeesTypedCommands() throws Exception {
        try (PtyBerth berth = PtyBerth.start(project, fixture.config, new WindowSize(24, 80), "exec", "web", "sh")) {
            berth.await("# ", PATIENCE); // the prompt: the shell is interactive
            berth.type("echo $((6*7)); exit 3\r");
            assertEquals(3, berth.awaitExit(PATIENCE), berth.output());
            assertTrue(berth.output().contains("42"), berth.output());
        }
    }

    @Test
    void runAtATerminalIsAnInteractiveShellWithItsExitCode() throws Exception {
        try (PtyBerth berth = PtyBerth.start(project, fixture.config, new WindowSize(30, 90), "run", "--rm", "web", "sh")) {
            berth.await("# ", PATIENCE);
            berth.type("tty; stty size; echo $((6*7)); exit 3\r");
            assertEquals(3, berth.awaitExit(PATIENCE), berth.output());
            String output = berth.output();
            assertTrue(output.contains("/dev/pts/0"), output);
            assertTrue(output.contains("30 90"), output);
            assertTrue(output.contains("42"), output);
        }
    }

    @Test
    void runPassesWindowChangesAndCtrlCOnAndRestoresTheTerminal() throws Exception {
        try (PtyBerth berth = PtyBerth.start(project, fixture.config, new WindowSize(24, 80), "run", "--rm", "web", "sh")) {
            berth.await("# ", PATIENCE);
            assertFalse(berth.cooked(), "raw mode while relaying");
            berth.resize(new WindowSize(50, 132));
            // the new size travels CLI -> supervisor -> pty: asked again until it has arrived
            long sizeDeadline = System.nanoTime() + PATIENCE.toNanos();
            do {
                berth.type("stty size\r");
            } while (!berth.shows("50 132", Duration.ofSeconds(3)) && System.nanoTime() < sizeDeadline);
            berth.await("50 132", Duration.ZERO);
            berth.type("sleep 100\r");
            // Ctrl-C only once sleep is the terminal's foreground job: typed earlier, the shell's line
            // editor (no ISIG) reads it as a character and the sleep runs its 100 s
            long sleeper = awaitForegroundChild("sleep");
            while (io.berth.runtime.linux.ProcStat.isAlive(sleeper)) {
                berth.type("\u0003"); // Ctrl-C: to the container's foreground job, not to the CLI
                awaitGone(sleeper, Duration.ofSeconds(3));
            }
            berth.type("echo after-$((3+4))\r");
            berth.await("after-7", PATIENCE);
            berth.type("exit 2\r");
            assertEquals(2, berth.awaitExit(PATIENCE), berth.output());
            assertTrue(berth.cooked(), "the terminal's mode restored");
        }
    }

    @Test
    void aTerminatedExecRestoresTheTerminal() throws Exception {
        try (PtyBerth berth = PtyBerth.start(project, fixture.config, new WindowSize(24, 80), "exec", "web", "sh")) {
            berth.await("# ", PATIENCE);
            assertFalse(berth.cooked(), "raw mode while relaying");
            ProcessCalls.kill(berth.pid(), ProcessCalls.SIGTERM);
            berth.awaitExit(PATIENCE);
            assertTrue(berth.cooked(), "the terminal's mode restored after SIGTERM");
        }
    }

    @Test
    void runPassesPipedStdinThrough() throws Exception {
        Process process = fixture.start(project, "run", "--rm", "-T", "web", "cat");
        process.getOutputStream().write("hi\nthere\n".getBytes());
        process.getOutputStream().close();
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "run -T cat did not end at its stdin's end");
        BerthRun run = BerthRun.finished(process, project);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("hi\nthere\n", run.out());
    }

    @Test
    void aRunWhoseContainerExitsAtOnceIsStillAnswered() throws Exception {
        // the exit closes attached connections: never before the start's reply went out
        for (int i = 0; i < 5; i++) {
            fixture.berth(project, "run", "--rm", "-T", "web", "true").ok();
        }
    }

    @Test
    void aRunContainerOutlivesItsKilledCliAndKeepsItsTerminal() throws Exception {
        try (PtyBerth berth = PtyBerth.start(project, fixture.config, new WindowSize(24, 80),
                "run", "--name", "tty-survivor", "web", "sh")) {
            berth.await("# ", PATIENCE);
            io.berth.runtime.linux.ProcessCalls.kill(berth.pid(), io.berth.runtime.linux.ProcessCalls.SIGKILL);
            berth.awaitExit(PATIENCE);
        }
        Thread.sleep(1000); // what a hang-up would have done by now
        var survivor = fixture.runtime.findContainerByName("tty-survivor").orElseThrow();
        assertTrue(survivor.state().isRunning(), survivor.toString());
        // its shell still reads its terminal: a new attachment's input reaches it
        try (var attached = fixture.runtime.attach(survivor.id(), false, 0, 0)) {
            attached.write("echo still-$((20+1))\r".getBytes());
            awaitOutput(attached, "still-21");
            attached.write("exit 6\r".getBytes());
        }
        var exited = fixture.runtime.waitForExit(survivor.id(), PATIENCE).orElseThrow();
        assertEquals(6, exited.exitCode(), exited.toString());
        fixture.runtime.removeContainer(survivor.id(), true);
    }

    @Test
    void ctrlPCtrlQDetachesFromARunLeavingItRunning() throws Exception {
        try (PtyBerth berth = PtyBerth.start(project, fixture.config, new WindowSize(24, 80),
                "run", "--name", "tty-detached", "web", "sh")) {
            berth.await("# ", PATIENCE);
            berth.type("\u0010\u0011");
            assertEquals(0, berth.awaitExit(PATIENCE), berth.output());
            assertTrue(berth.output().contains("read escape sequence"), berth.output());
            assertTrue(berth.cooked(), "the terminal's mode restored");
        }
        var detached = fixture.runtime.findContainerByName("tty-detached").orElseThrow();
        assertTrue(detached.state().isRunning(), detached.toString());
        fixture.runtime.removeContainer(detached.id(), true);
    }

    @Test
    void aTerminalOutlivesAKilledSupervisor() throws Exception {
        try (PtyBerth berth = PtyBerth.start(project, fixture.config, new WindowSize(24, 80),
                "run", "-d", "--name", "tty-holdout", "web", "sh")) {
            assertEquals(0, berth.awaitExit(PATIENCE), berth.output());
        }
        var container = fixture.runtime.findContainerByName("tty-holdout").orElseThrow();
        Path holderFile = fixture.config.stateRoot().resolve("containers").resolve(container.id().value())
                .resolve("stdio-holder.json");
        assertTrue(Files.exists(holderFile), "no holder of the terminal recorded");
        String pidLine = Files.readString(fixture.config.runRoot().resolve("supervisor.pid")).trim();
        long supervisor = Long.parseLong(pidLine.split("\\s+")[0]);
        ProcessCalls.kill(supervisor, ProcessCalls.SIGKILL);
        Thread.sleep(1000); // what a hang-up would have done by now
        var after = fixture.runtime.inspectContainer(container.id()).orElseThrow(); // a new supervisor
        assertTrue(after.state().isRunning(), () -> after + fixture.supervisorLogTail(after.pid()));
        try (var attached = fixture.runtime.attach(container.id(), false, 0, 0)) {
            attached.write("echo back-$((1+1))\r".getBytes());
            awaitOutput(attached, "back-2");
            attached.write("exit 4\r".getBytes());
        }
        var exited = fixture.runtime.waitForExit(container.id(), PATIENCE).orElseThrow();
        assertFalse(exited.state().isRunning(), () -> exited + fixture.supervisorLogTail(exited.pid()));
        assertFalse(Files.exists(holderFile), "the holder outlived the container");
        fixture.runtime.removeContainer(container.id(), true);
    }

    /**
     * The PID of the child named {@code command} of the only running one-off container's PID 1, once
     * it is the foreground process group of its terminal (field 8, tpgid, equals field 5, pgrp).
     */
    private static long awaitForegroundChild(String command) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (var container : fixture.runtime.listContainers(java.util.Map.of())) {
                if (!container.name().contains("-run-") || !container.state().isRunning()) {
                    continue;
                }
                Path children = Path.of("/proc", Long.toString(container.pid()), "task",
                        Long.toString(container.pid()), "children");
                for (String child : readOrEmpty(children).trim().split("\\s+")) {
                    if (child.isEmpty()) {
                        continue;
                    }
                    String stat = readOrEmpty(Path.of("/proc", child, "stat"));
                    if (stat.contains("(" + command + ")")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        if (fields[2].equals(fields[5])) {
                            return Long.parseLong(child);
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + command + " became the foreground job of a run container's terminal");
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void awaitGone(long pid, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (io.berth.runtime.linux.ProcStat.isAlive(pid) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static void awaitOutput(ContainerAttachment attached, String text) {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (seen.indexOf(text) < 0 && System.nanoTime() < deadline) {
            byte[] bytes = attached.read(Duration.ofMillis(200));
            if (bytes == null) {
                break;
            }
            seen.append(new String(bytes));
        }
        assertTrue(seen.toString().contains(text), "no \"" + text + "\" from the container's terminal: " + seen);
    }

    @Test
    void aServiceWithTtyTrueLogsWhatItsTerminalShows() throws Exception {
        Path tty = fixture.project("ttyservice", """
                services:
                  term:
                    image: busybox:local
                    tty: true
                    command: ["sh", "-c", "tty; test -t 1 && echo out-is-a-tty; exec sleep 1000"]
                """);
        fixture.berth(tty, "up", "-d").ok();
        try {
            String logs = "";
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!logs.contains("out-is-a-tty") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                logs = fixture.berth(tty, "logs", "--no-log-prefix").ok().out();
            }
            assertTrue(logs.contains("/dev/pts/0\r\n"), logs); // as Docker: the terminal's CRLF kept
            assertTrue(logs.contains("out-is-a-tty"), logs);
        } finally {
            fixture.berth(tty, "down").ok();
        }
    }

    @Test
    void attachReachesTheTerminalOfATtyServiceAndEndsWithItsExitCode() throws Exception {
        Path shell = fixture.project("attach", """
                services:
                  console:
                    image: busybox:local
                    tty: true
                    stdin_open: true
                    command: ["sh"]
                """);
        fixture.berth(shell, "up", "-d").ok();
        try (PtyBerth berth = PtyBerth.start(shell, fixture.config, new WindowSize(24, 80), "attach", "console")) {
            berth.type("echo att-$((2*3))\r");
            berth.await("att-6", PATIENCE);
            berth.type("exit 9\r");
            assertEquals(9, berth.awaitExit(PATIENCE), berth.output());
        } finally {
            fixture.berth(shell, "down").ok();
        }
    }

    @Test
    void execWithoutATerminalKeepsWorkingAsBefore() throws Exception {
        BerthRun run = fixture.berth(project, "exec", "web", "sh", "-c", "test -t 0 || echo piped; exit 4");
        assertEquals(4, run.exitCode(), run.toString());
        assertEquals("piped\n", run.out());
        assertFalse(run.out().contains("\r"), run.toString());
    }
}
