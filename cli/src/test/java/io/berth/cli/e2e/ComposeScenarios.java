package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Compose scenarios end to end: the berth CLI in a child JVM, a supervisor of a state root
 * of its own (set up by {@link RealRuntimeTest}). A subclass says what every service gets.
 */
@Tag("root")
abstract class ComposeScenarios extends RealRuntimeTest {
    /** What every service of the test projects gets, e.g. "network_mode: host". */
    abstract String serviceExtras();

    private String service(String name, String env, String command, String more) {
        return "  " + name + ":\n    image: busybox:local\n" + (serviceExtras().isEmpty() ? "" : "    " + serviceExtras() + "\n")
                + (env.isEmpty() ? "" : "    environment:\n      " + env + "\n")
                + "    command: [\"sh\", \"-c\", \"" + command + "\"]\n" + more;
    }

    private String twoServices(String workerEnv) {
        return "services:\n"
                + service("db", "", "echo db ready; exec sleep 1000", "")
                + service("worker", workerEnv, "echo worker $$GREETING; exec sleep 1000", "    depends_on: [db]\n");
    }

    private List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).filter(line -> !line.isBlank()).toList();
    }

    @Test
    void upPsLogsDownOfAMultiServiceProject() throws Exception {
        Path project = fixture.project("multi", twoServices("GREETING: hello"));
        BerthRun up = fixture.berth(project, "up", "-d").ok();
        assertTrue(up.err().contains("Container multi-db-1  Started"), up.toString());
        assertTrue(up.err().indexOf("multi-db-1  Started") < up.err().indexOf("multi-worker-1  Started"), up.toString());
        BerthRun ps = fixture.berth(project, "ps").ok();
        assertTrue(ps.out().startsWith("NAME"), ps.toString());
        assertEquals(3, lines(ps.out()).size(), ps.toString());
        assertEquals(List.of("multi-db-1", "multi-worker-1"),
                lines(fixture.berth(project, "ps", "--format", "json").ok().out()).stream()
                        .map(line -> line.replaceAll(".*\"Name\":\"([^\"]+)\".*", "$1")).toList());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                fixture.berth(project, "logs", "--no-color").out().contains("worker-1  | worker hello"));
        assertTrue(fixture.berth(project, "logs", "--no-log-prefix", "db").ok().out().contains("db ready"));
        BerthRun down = fixture.berth(project, "down").ok();
        assertTrue(down.err().indexOf("multi-worker-1  Stopped") < down.err().indexOf("multi-db-1  Stopped"), down.toString());
        assertEquals("", fixture.berth(project, "ps", "-a", "-q").ok().out());
    }

    @Test
    void upTwiceDoesNothingAndAnEditedEnvironmentRecreatesExactlyThatService() throws Exception {
        Path project = fixture.project("edit", twoServices("GREETING: one"));
        fixture.berth(project, "up", "-d").ok();
        assertEquals("nothing to do\n", fixture.berth(project, "up", "--dry-run").ok().out());
        BerthRun again = fixture.berth(project, "up", "-d").ok();
        assertFalse(again.err().contains("Created"), again.toString());
        Files.writeString(project.resolve("compose.yaml"), twoServices("GREETING: two"));
        BerthRun plan = fixture.berth(project, "up", "--dry-run").ok();
        assertTrue(plan.out().contains("create container edit-worker-1 (after 3): recreate: environment.GREETING changed"),
                plan.toString());
        assertFalse(plan.out().contains("create container edit-db-1"), plan.toString());
        fixture.berth(project, "up", "-d").ok();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                fixture.berth(project, "logs", "worker").out().contains("worker two"));
        fixture.berth(project, "down").ok();
    }

    @Test
    void scaleOneToFiveToTwoAndOrphans() throws Exception {
        Path project = fixture.project("scale", twoServices("GREETING: x"));
        fixture.berth(project, "up", "-d", "--scale", "worker=5").ok();
        assertEquals(List.of("scale-db-1", "scale-worker-1", "scale-worker-2", "scale-worker-3", "scale-worker-4",
                "scale-worker-5"), names(project));
        fixture.berth(project, "up", "-d", "--scale", "worker=2").ok();
        assertEquals(List.of("scale-db-1", "scale-worker-1", "scale-worker-2"), names(project));
        Files.writeString(project.resolve("compose.yaml"), "services:\n" + service("db", "", "exec sleep 1000", ""));
        BerthRun orphanWarning = fixture.berth(project, "up", "-d").ok();
        assertTrue(orphanWarning.err().contains("Found orphan containers (scale-worker-1, scale-worker-2)"),
                orphanWarning.toString());
        fixture.berth(project, "up", "-d", "--remove-orphans").ok();
        assertEquals(List.of("scale-db-1"), names(project));
        fixture.berth(project, "down").ok();
    }

    @Test
    void downWithoutTheFileWorksFromLabels() throws Exception {
        Path project = fixture.project("nofile", twoServices("GREETING: x"));
        fixture.berth(project, "up", "-d").ok();
        Path elsewhere = Files.createDirectories(fixture.root.resolve("elsewhere"));
        BerthRun down = fixture.berth(elsewhere, "-p", "nofile", "down").ok();
        assertTrue(down.err().contains("Container nofile-db-1  Removed"), down.toString());
        assertEquals("", fixture.berth(elsewhere, "-p", "nofile", "ps", "-a", "-q").ok().out());
    }

    @Test
    void runMakesAOneOffContainerAndReturnsItsExitCode() throws Exception {
        Path project = fixture.project("oneoff", twoServices("GREETING: x"));
        BerthRun run = fixture.berth(project, "run", "--rm", "worker", "sh", "-c", "echo from run; exit 3");
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.out().contains("from run"), run.toString());
        assertEquals(List.of("oneoff-db-1"), names(project), "the dependency was started; the one-off removed");
        fixture.berth(project, "down").ok();
    }

    @Test
    void ctrlCInAttachedModeStopsGracefully() throws Exception {
        Path project = fixture.project("attached", "services:\n"
                + service("web", "", "trap 'echo got TERM; exit 0' TERM; echo started; while true; do sleep 0.2; done", ""));
        Process up = fixture.start(project, "up", "--no-color");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                Files.readString(project.resolve(".out")).contains("web-1  | started"));
        new ProcessBuilder("kill", "-INT", String.valueOf(up.pid())).start().waitFor();
        assertTrue(up.waitFor(60, TimeUnit.SECONDS), "up ended after Ctrl-C");
        BerthRun result = BerthRun.finished(up, project);
        assertTrue(result.out().contains("Gracefully stopping..."), result.toString());
        assertEquals(List.of(), lines(fixture.berth(project, "ps", "-q").ok().out()));
        fixture.berth(project, "down").ok();
    }

    @Test
    void exitCodeFromStopsTheOthersAndReturnsThatServicesCode() throws Exception {
        Path project = fixture.project("abort", "services:\n"
                + service("job", "", "sleep 1; echo job done; exit 3", "")
                + service("server", "", "exec sleep 1000", ""));
        BerthRun up = fixture.berth(project, "up", "--no-color", "--exit-code-from", "job");
        assertEquals(3, up.exitCode(), up.toString());
        assertTrue(up.out().contains("job-1     | job done"), up.toString());
        assertTrue(up.out().contains("job-1 exited with code 3"), up.toString());
        assertTrue(up.out().contains("Aborting on container exit..."), up.toString());
        assertEquals(List.of(), lines(fixture.berth(project, "ps", "-q").ok().out()), "server was stopped");
        fixture.berth(project, "down").ok();
    }

    private List<String> names(Path project) throws Exception {
        return lines(fixture.berth(project, "ps", "-a", "--format", "json").ok().out()).stream()
                .map(line -> line.replaceAll(".*\"Name\":\"([^\"]+)\".*", "$1")).sorted().toList();
    }
}
