package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.linux.Terminals.WindowSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * exec and run with a pseudo-terminal, as Docker Compose v2 gives one when the CLI's stdin is a
 * terminal: the CLI runs under a pty of the test's own ({@link PtyBerth}), which the test types into.
 */
@Tag("root")
class TerminalComposeTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String PROJECT = """
            services:
              web:
                image: busybox:local
                command: ["sh", "-c", "exec sleep 1000"]
            """;
    private static E2eFixture fixture;
    private static Path project;

    @BeforeAll
    static void upAProject() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "containers and ptys of containers need root");
        fixture = new E2eFixture(List.of());
        project = fixture.project("tty", PROJECT);
        fixture.berth(project, "up", "-d").ok();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
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
    void execWithoutATerminalKeepsWorkingAsBefore() throws Exception {
        BerthRun run = fixture.berth(project, "exec", "web", "sh", "-c", "test -t 0 || echo piped; exit 4");
        assertEquals(4, run.exitCode(), run.toString());
        assertEquals("piped\n", run.out());
        assertFalse(run.out().contains("\r"), run.toString());
    }
}
