package io.berth.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.cli.e2e.E2eFixture;
import io.berth.testfixtures.BusyboxImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The warm CLI server through the real launcher, client and supervisor, in a state root of its
 * own: served commands behave as the JVM path does, and the server comes, steps aside and goes
 * as docs/cli-server.md says. Each test stops the server it started.
 */
@Tag("root")
class CliServerTest {
    private static final Map<String, String> ON = Map.of("BERTH_SERVER", "1");
    private static final Map<String, String> OFF = Map.of("BERTH_SERVER", "0");
    private static final String COMPOSE = """
            services:
              app:
                image: busybox:local
                command: ["sh", "-c", "echo ${GREETING:-nobody} && exec sleep 1000"]
            """;
    private static Path launcher;
    private static E2eFixture fixture;
    private static Path project;

    @BeforeAll
    static void fixture() throws Exception {
        Path checkout = Path.of("").toAbsolutePath().getParent();
        launcher = checkout.resolve("berth");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "containers need root");
        Assumptions.assumeTrue(Files.isExecutable(checkout.resolve("cli/target/berth-client"))
                        && Files.isRegularFile(checkout.resolve("cli/target/berth.jar")),
                "build ./berth and its client first: mvn -q -o -DskipTests package");
        fixture = E2eFixture.withLauncher("berth-test-cliserver-", launcher, BusyboxImage.rootfsTar(), OFF);
        project = fixture.project("cliserver-t", COMPOSE);
    }

    @AfterAll
    static void close() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @AfterEach
    void stopServer() throws IOException {
        CliServer.stop(runRoot());
    }

    @Test
    void servedUpPsDownGiveWhatTheJvmPathGives() throws Exception {
        startServer();
        // each pair from the same state: served first, then the state put back, then the JVM path
        ServedRun servedUp = served("up", "-d");
        berth(OFF, "down").ok();
        assertSame(berth(OFF, "up", "-d"), servedUp, "up -d");
        assertSame(berth(OFF, "ps", "-a"), served("ps", "-a"), "ps -a");
        ServedRun servedDown = served("down", "-v");
        berth(OFF, "up", "-d").ok();
        assertSame(berth(OFF, "down", "-v"), servedDown, "down -v");
    }

    private static ServedRun served(String... args) throws Exception {
        int servedBefore = servedCount();
        ServedRun served = berth(ON, args);
        assertEquals(servedBefore + 1, servedCount(), "served: " + String.join(" ", args));
        return served;
    }

    private static void assertSame(ServedRun jvm, ServedRun served, String what) {
        assertEquals(0, jvm.exitCode(), what + ": " + jvm);
        assertEquals(jvm.exitCode(), served.exitCode(), what);
        assertEquals(normalized(jvm.out()), normalized(served.out()), what);
        assertEquals(jvm.err(), served.err(), what);
        assertFalse((served.out() + served.err()).contains("\u001b["), "no colours into a file");
    }

    @Test
    void interpolationAndProjectComeFromTheClient() throws Exception {
        startServer();
        int servedBefore = servedCount();
        ServedRun config = berth(Map.of("BERTH_SERVER", "1", "GREETING", "from-the-client"), "config").ok();
        assertEquals(servedBefore + 1, servedCount());
        assertTrue(config.out().contains("name: cliserver-t"), config.out());
        assertTrue(config.out().contains("echo from-the-client"), config.out());
    }

    @Test
    void runWithoutATerminalIsServedWithTheCallersStdin() throws Exception {
        startServer();
        int servedBefore = servedCount();
        Process process = ServedRun.start(launcher, project, fixture.root, ON, "run", "--rm", "-T", "app", "cat");
        try (var stdin = process.getOutputStream()) {
            stdin.write("through the server\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        ServedRun run = ServedRun.finished(process).ok();
        assertEquals("through the server\n", run.out());
        ServedRun failing = berth(ON, "run", "--rm", "-T", "app", "sh", "-c", "exit 3");
        assertEquals(3, failing.exitCode(), failing.toString());
        assertEquals(servedBefore + 2, servedCount(), log());
        assertEquals("", berth(OFF, "ps", "-a", "-q").ok().out(), "--rm removed both");
    }

    @Test
    void aClientWithOtherProcessWideSettingsTakesTheJvmPath() throws Exception {
        startServer();
        int servedBefore = servedCount();
        ServedRun ps = berth(Map.of("BERTH_SERVER", "1", "BERTH_SUBNET_POOL", "172.31.0.0/16:24"), "ps").ok();
        assertTrue(ps.out().startsWith("NAME"), ps.out());
        assertEquals(servedBefore, servedCount(), "not served: the server would apply its own subnet pool");
    }

    @Test
    void aHostileComposeFileIsAnErrorAndTheServerServesOn() throws Exception {
        startServer();
        Path hostile = fixture.project("cliserver-hostile", "services:\n  app:\n    image: busybox:local\n"
                + "    env_file: /dev/zero\n    command: [\"" + "${A:-".repeat(3000) + "x" + "}".repeat(3000) + "\"]\n");
        int servedBefore = servedCount();
        ServedRun config = ServedRun.run(launcher, hostile, fixture.root, ON, "config");
        assertEquals(servedBefore + 1, servedCount(), log());
        assertEquals(15, config.exitCode(), config.toString());
        assertTrue(config.err().contains("/dev/zero is not a regular file"), config.err());
        assertTrue(config.err().contains("expressions nest deeper than 200 levels"), config.err());
        assertEquals(0, berth(ON, "version").exitCode(), "the server serves on");
        assertEquals(servedBefore + 2, servedCount(), log());
    }

    @Test
    void anUnknownCommandFailsAsOnTheJvmPath() throws Exception {
        startServer();
        ServedRun served = berth(ON, "nosuch");
        ServedRun jvm = berth(OFF, "nosuch");
        assertEquals(2, served.exitCode());
        assertEquals(jvm.err(), served.err());
        assertEquals(jvm.out(), served.out());
    }

    @Test
    void execIsLeftToTheJvm() throws Exception {
        startServer();
        berth(ON, "up", "-d").ok();
        try {
            int servedBefore = servedCount();
            ServedRun exec = berth(ON, "exec", "-T", "app", "echo", "in-the-container").ok();
            assertEquals("in-the-container\n", exec.out());
            assertEquals(servedBefore, servedCount());
            assertTrue(log().contains("not served: exec"), log());
        } finally {
            berth(OFF, "down").ok();
        }
    }

    @Test
    void twoConcurrentPsAreBothServed() throws Exception {
        startServer();
        int servedBefore = servedCount();
        Process first = ServedRun.start(launcher, project, fixture.root, ON, "ps", "-a");
        Process second = ServedRun.start(launcher, project, fixture.root, ON, "ps", "-a");
        ServedRun one = ServedRun.finished(first).ok();
        ServedRun two = ServedRun.finished(second).ok();
        assertEquals(one.out(), two.out());
        assertEquals(servedBefore + 2, servedCount());
    }

    @Test
    void aChangedJarMakesTheServerStepAside() throws Exception {
        long oldServer = startServer();
        Path jar = launcher.resolveSibling("cli/target/berth.jar");
        FileTime built = Files.getLastModifiedTime(jar);
        try {
            Files.setLastModifiedTime(jar, FileTime.fromMillis(built.toMillis() + 2000));
            int servedBefore = servedCount();
            berth(ON, "version").ok();
            assertEquals(servedBefore, servedCount(), "the old build ran no command");
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ProcessHandle.of(oldServer).isEmpty());
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> serverPid() != oldServer && serverPid() > 0
                    && Files.exists(runRoot().resolve("cli.sock")));
        } finally {
            Files.setLastModifiedTime(jar, built);
        }
    }

    @Test
    void withoutAServerTheJvmRunsItAndStartsOneForNextTime() throws Exception {
        CliServer.stop(runRoot());
        Files.deleteIfExists(runRoot().resolve("cli-server.log"));
        ServedRun first = berth(ON, "version").ok();
        assertTrue(first.out().startsWith("Berth version"), first.out());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> log().contains("serving"));
        assertEquals(0, servedCount(), "the first one ran in its own JVM");
        berth(ON, "version").ok();
        assertEquals(1, servedCount());
    }

    @Test
    void berthServerZeroStartsNoServer() throws Exception {
        CliServer.stop(runRoot());
        Files.deleteIfExists(runRoot().resolve("cli.sock"));
        berth(OFF, "version").ok();
        Thread.sleep(1000);
        assertFalse(Files.exists(runRoot().resolve("cli.sock")), "no server started");
    }

    @Test
    void anIdleServerExits() throws Exception {
        CliServer.stop(runRoot());
        berth(Map.of("BERTH_SERVER", "1", "BERTH_SERVER_IDLE", "2s"), "version").ok();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> serverPid() > 0);
        long pid = serverPid();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ProcessHandle.of(pid).isEmpty());
        assertFalse(Files.exists(runRoot().resolve("cli.sock")), "its socket went with it");
        assertTrue(log().contains("stepping aside: idle"), log());
    }

    @Test
    void ctrlCDuringAServedCommandGives130() throws Exception {
        startServer();
        Path slow = fixture.project("cliserver-sig", """
                services:
                  app:
                    image: busybox:local
                    command: ["sh", "-c", "trap 'echo term' TERM; while true; do sleep 1; done"]
                """);
        ServedRun.run(launcher, slow, fixture.root, ON, "up", "-d").ok();
        try {
            Process stop = ServedRun.start(launcher, slow, fixture.root, ON, "stop", "-t", "30");
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> ServedRun.run(launcher, slow, fixture.root, ON, "ps").out().contains("Up"));
            // stop is waiting for the container that ignores SIGTERM once the container has said "term"
            // (a fixed 1.5 s was not always enough for the served stop to get there on a loaded machine)
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ServedRun.run(launcher, slow, fixture.root, ON, "logs", "app").out().contains("term"));
            new ProcessBuilder("kill", "-INT", String.valueOf(stop.pid())).start().waitFor();
            ServedRun interrupted = ServedRun.finished(stop);
            assertEquals(130, interrupted.exitCode(), interrupted.toString());
            assertTrue(log().contains("served: stop, exit 130"), log());
        } finally {
            ServedRun.run(launcher, slow, fixture.root, OFF, "down", "-t", "0").ok();
        }
    }

    /** Starts a server (the JVM path does, when none answers) and returns its pid once it serves. */
    private static long startServer() throws Exception {
        if (serverPid() > 0 && Files.exists(runRoot().resolve("cli.sock"))) {
            return serverPid();
        }
        berth(ON, "version").ok();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> serverPid() > 0
                && Files.exists(runRoot().resolve("cli.sock")) && log().contains("serving"));
        return serverPid();
    }

    private static ServedRun berth(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return ServedRun.run(launcher, project, fixture.root, env, args);
    }

    private static Path runRoot() {
        return fixture.config.runRoot();
    }

    /** The pid of the running server, or -1. */
    private static long serverPid() throws IOException {
        Path pidFile = runRoot().resolve("cli-server.pid");
        if (!Files.exists(pidFile) || ServerLock.isFree(runRoot().resolve("cli-server.lock"))) {
            return -1;
        }
        String text = Files.readString(pidFile).trim();
        if (text.isEmpty()) {
            return -1; // a server of an older build writing it in place
        }
        long pid = Long.parseLong(text);
        return ProcessHandle.of(pid).isPresent() ? pid : -1;
    }

    private static String log() throws IOException {
        Path log = runRoot().resolve("cli-server.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static int servedCount() throws IOException {
        return (int) log().lines().filter(line -> line.contains("berth cli server: served:")).count();
    }

    /** ps's relative times ("2 seconds ago", "Up 3 seconds") may tick between two runs. */
    private static String normalized(String output) {
        return output.replaceAll("(Less than a second|About a minute|\\d+ (seconds?|minutes?))", "T")
                .replaceAll(" +", " ");
    }
}
