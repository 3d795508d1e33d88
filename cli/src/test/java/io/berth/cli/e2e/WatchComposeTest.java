package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * berth watch and up --watch on real containers (issue 17): an edited file shows in the container,
 * a deleted one goes, a sync+exec hook runs, a restart rule restarts, a rebuild rule rebuilds and
 * recreates, and Ctrl-C (SIGTERM here) ends the watch and leaves the containers running.
 */
@Tag("root")
class WatchComposeTest extends RealRuntimeTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The command's output in the container, or null when it failed. */
    private static String inContainer(Path project, String script) throws Exception {
        BerthRun run = fixture.berth(project, "exec", "-T", "web", "sh", "-c", script);
        return run.exitCode() == 0 ? run.out() : null;
    }

    private static void await(String what, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(condition);
    }

    /** The watch runs from a directory of its own so that its output files are not the other commands'. */
    private static Process startWatch(Path project, String... args) throws Exception {
        Path runner = Files.createDirectories(project.resolveSibling(project.getFileName() + "-watch"));
        List<String> command = new java.util.ArrayList<>(List.of("--project-directory", project.toString()));
        command.addAll(List.of(args));
        return fixture.start(runner, command.toArray(String[]::new));
    }

    private static String watchOutput(Path project) throws Exception {
        return Files.readString(project.resolveSibling(project.getFileName() + "-watch").resolve(".out"));
    }

    private static void stop(Process watch) throws Exception {
        watch.destroy(); // SIGTERM: what Ctrl-C does
        assertTrue(watch.waitFor(30, TimeUnit.SECONDS), "the watch ends on SIGTERM");
    }

    @Test
    void syncsEditsAndDeletionsRunsHooksAndRestarts() throws Exception {
        Path project = fixture.project("watched", """
                services:
                  web:
                    image: busybox:local
                    command: ["sh", "-c", "echo boot >> /tmp/boots; exec sleep 1000"]
                    develop:
                      watch:
                        - {path: ./src, action: sync, target: /app, initial_sync: true, ignore: [tmp/]}
                        - path: ./hook
                          action: sync+exec
                          target: /hooked
                          exec: {command: ["sh", "-c", "echo ran-$$MSG > /hooked/ran"], environment: {MSG: hello}}
                        - {path: ./restart.txt, action: restart}
                """);
        Files.createDirectories(project.resolve("src"));
        Files.createDirectories(project.resolve("hook"));
        Files.writeString(project.resolve("src/a.txt"), "v1");
        Process watch = startWatch(project, "watch");
        try {
            await("initial sync", () -> "v1".equals(inContainer(project, "cat /app/a.txt")));
            await("watch enabled", () -> watchOutput(project).contains("Watch enabled"));

            Files.writeString(project.resolve("src/a.txt"), "v2");
            Files.createDirectories(project.resolve("src/dir/deep"));
            Files.writeString(project.resolve("src/dir/deep/b.txt"), "b");
            Files.createDirectories(project.resolve("src/tmp"));
            Files.writeString(project.resolve("src/tmp/ignored.txt"), "no");
            await("an edited file and a new directory show in the container",
                    () -> "v2b".equals(inContainer(project, "cat /app/a.txt /app/dir/deep/b.txt")));
            assertEquals(null, inContainer(project, "cat /app/tmp/ignored.txt"), "ignore: patterns are honoured");

            Files.delete(project.resolve("src/a.txt"));
            await("a deleted file goes", () -> "gone\n".equals(inContainer(project, "test -e /app/a.txt || echo gone")));

            Files.writeString(project.resolve("hook/trigger"), "x");
            await("sync+exec runs its command with its environment",
                    () -> "ran-hello\n".equals(inContainer(project, "cat /hooked/ran")));

            Files.writeString(project.resolve("restart.txt"), "again");
            await("a restart rule restarts the service", () -> "boot\nboot\n".equals(inContainer(project, "cat /tmp/boots")));
            await("restart reported", () -> watchOutput(project).contains("service(s) [\"web\"] restarted"));
        } finally {
            stop(watch);
        }
        assertTrue(watchOutput(project).contains("Watch disabled"), watchOutput(project));
        assertEquals("web running\n", fixture.berth(project, "ps", "--format", "{{.Service}} {{.State}}").ok().out(),
                "the containers outlive the watch, as with Compose");
        fixture.berth(project, "down").ok();
    }

    @Test
    void upWatchStartsAttachedAndSyncs() throws Exception {
        Path project = fixture.project("upwatch", """
                services:
                  web:
                    image: busybox:local
                    command: ["sh", "-c", "echo hello from web; exec sleep 1000"]
                    develop:
                      watch:
                        - {path: ./src, action: sync, target: /app}
                """);
        Files.createDirectories(project.resolve("src"));
        Process up = startWatch(project, "up", "--watch");
        try {
            await("attached logs", () -> watchOutput(project).contains("hello from web"));
            await("watch enabled", () -> watchOutput(project).contains("Watch enabled"));
            Files.writeString(project.resolve("src/page.html"), "<p>hi</p>");
            await("the file shows in the container", () -> "<p>hi</p>".equals(inContainer(project, "cat /app/page.html")));
            assertTrue(watchOutput(project).contains("Syncing service \"web\" after 1 changes were detected"), watchOutput(project));
        } finally {
            stop(up);
        }
        assertEquals(2, fixture.berth(project, "up", "-d", "--watch").exitCode(), "--detach cannot watch");
        fixture.berth(project, "down").ok();
    }

    @Test
    void upWatchFollowsTheContainersARebuildRecreates() throws Exception {
        Path project = fixture.project("uprebuilt", """
                services:
                  web:
                    build: ./web
                    command: ["sh", "-c", "echo built $$(cat /app.txt); exec sleep 1000"]
                    develop:
                      watch:
                        - {path: ./web/app.txt, action: rebuild}
                """);
        Files.createDirectories(project.resolve("web"));
        Files.writeString(project.resolve("web/Dockerfile"), "FROM busybox:local\nCOPY app.txt /app.txt\n");
        Files.writeString(project.resolve("web/app.txt"), "first");
        Process up = startWatch(project, "up", "--watch");
        try {
            await("attached", () -> watchOutput(project).contains("built first"));
            await("watch enabled", () -> watchOutput(project).contains("Watch enabled"));
            Files.writeString(project.resolve("web/app.txt"), "second");
            await("the recreated container's lines are attached", () -> watchOutput(project).contains("built second"));
            assertTrue(up.isAlive(), "up --watch goes on after the rebuild: " + watchOutput(project));
        } finally {
            stop(up);
        }
        fixture.berth(project, "down", "--rmi", "all").ok();
    }

    @Test
    void watchWithoutRulesSaysSoAsCompose() throws Exception {
        Path project = fixture.project("norules", """
                services:
                  web:
                    image: busybox:local
                    command: ["sleep", "1000"]
                """);
        BerthRun run = fixture.berth(project, "watch", "--no-up");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("none of the selected services is configured for watch"), run.err());
    }

    @Test
    void rebuildBuildsAndRecreatesTheService() throws Exception {
        Path project = fixture.project("rebuilt", """
                services:
                  web:
                    build: ./web
                    command: ["sleep", "1000"]
                    develop:
                      watch:
                        - {path: ./web/app.txt, action: rebuild}
                """);
        Files.createDirectories(project.resolve("web"));
        Files.writeString(project.resolve("web/Dockerfile"), "FROM busybox:local\nCOPY app.txt /app.txt\n");
        Files.writeString(project.resolve("web/app.txt"), "first");
        Process watch = startWatch(project, "watch");
        try {
            await("built and started", () -> "first".equals(inContainer(project, "cat /app.txt")));
            await("watch enabled", () -> watchOutput(project).contains("Watch enabled"));
            Files.writeString(project.resolve("web/app.txt"), "second");
            await("rebuilt and recreated", () -> "second".equals(inContainer(project, "cat /app.txt")));
            await("reported", () -> watchOutput(project).contains("service(s) [\"web\"] successfully built"));
        } finally {
            stop(watch);
        }
        fixture.berth(project, "down", "--rmi", "all").ok();
    }
}
