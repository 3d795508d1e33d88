package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What scripts call and parse, on real containers: ps filters and templates, down SERVICE, --help, version. */
@Tag("root")
class ScriptingCommandsTest extends RealRuntimeTest {
    @Test
    void psFiltersByStatusAndRendersGoTemplatesOneRowPerContainer() throws Exception {
        Path project = fixture.project("script", """
                services:
                  web:
                    image: busybox:local
                    command: ["sh", "-c", "echo one\\necho two; exec sleep 1000"]
                  job:
                    image: busybox:local
                    command: ["true"]
                """);
        fixture.berth(project, "up", "-d").ok();
        fixture.berth(project, "wait", "job").ok();
        assertEquals("script-web-1\n", fixture.berth(project, "ps", "--filter", "status=running", "--format", "{{.Name}}").ok().out());
        assertEquals("job exited\n", fixture.berth(project, "ps", "-a", "--filter", "status=exited",
                "--format", "{{.Service}} {{.State}}").ok().out());
        String json = fixture.berth(project, "ps", "--format", "{{json .}}").ok().out();
        assertTrue(json.startsWith("{") && json.contains("\"Service\":\"web\""), json);
        assertEquals(List.of("SERVICE   STATE", "web       running"),
                fixture.berth(project, "ps", "--format", "table {{.Service}}\\t{{upper .State}}").ok().out().lines()
                        .map(line -> line.replace("RUNNING", "running")).toList());
        String table = fixture.berth(project, "ps").ok().out();
        assertEquals(2, table.lines().count(), "one row per container, the command on one line: " + table);
        assertTrue(table.contains("\"sh -c echo one\\necho…\""), table);
        assertTrue(fixture.berth(project, "ps", "--no-trunc").ok().out().contains("\"sh -c echo one\\necho two; exec sleep 1000\""));
        assertEquals(2, fixture.berth(project, "ps", "--filter", "source=x").exitCode());

        fixture.berth(project, "up", "-d").ok();
        fixture.berth(project, "down", "web").ok();
        assertEquals("job\n", fixture.berth(project, "ps", "-a", "--format", "{{.Service}}").ok().out(),
                "down web leaves the other services");
        assertEquals(1, fixture.berth(project, "down", "nosuch").exitCode()); // as Compose
        fixture.berth(project, "down").ok();
    }

    @Test
    void scaleVolumesLogsIndexAndPullPolicy() throws Exception {
        Path project = fixture.project("scaled", """
                services:
                  web:
                    image: busybox:local
                    command: ["sh", "-c", "echo started; exec sleep 1000"]
                    volumes: ["data:/data"]
                  other:
                    image: busybox:local
                    command: ["sleep", "1000"]
                volumes:
                  data:
                """);
        fixture.berth(project, "up", "-d", "--pull", "never").ok();
        assertEquals(2, fixture.berth(project, "up", "-d", "--pull", "sometimes").exitCode());
        fixture.berth(project, "scale", "web=2").ok();
        assertEquals("scaled-other-1\nscaled-web-1\nscaled-web-2\n",
                fixture.berth(project, "ps", "--format", "{{.Name}}").ok().out());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                fixture.berth(project, "logs", "--no-log-prefix", "web").ok().out().lines().count() == 2);
        assertEquals("started\n", fixture.berth(project, "logs", "--no-log-prefix", "--index", "2", "web").ok().out());
        assertEquals("scaled_data\n", fixture.berth(project, "volumes", "-q", "web").ok().out());
        assertEquals("", fixture.berth(project, "volumes", "-q", "other").ok().out());
        assertTrue(fixture.berth(project, "volumes").ok().out().startsWith("DRIVER"));
        assertEquals(1, fixture.berth(project, "scale", "nosuch=2").exitCode()); // as Compose
        fixture.berth(project, "down", "-v").ok();
    }

    @Test
    void attachedUpShowsOnlyThisRunsLinesOfTheAttachedServices() throws Exception {
        Path project = fixture.project("attach", """
                services:
                  a:
                    image: busybox:local
                    command: ["echo", "from-a"]
                  b:
                    image: busybox:local
                    command: ["echo", "from-b"]
                """);
        String first = fixture.berth(project, "up").ok().out();
        assertTrue(first.contains("from-a") && first.contains("from-b"), first);
        String second = fixture.berth(project, "up", "--no-attach", "b").ok().out();
        assertEquals(1, second.lines().filter(line -> line.contains("from-a")).count(), "no replay of the first run: " + second);
        assertTrue(!second.contains("from-b"), second);
        assertEquals(1, fixture.berth(project, "up", "--attach", "nosuch").exitCode()); // as Compose
        fixture.berth(project, "down").ok();
    }

    @Test
    void everyCommandAnswersHelpAndUnknownOnesGetNoFarFetchedSuggestion() throws Exception {
        Path project = fixture.project("helps", "services: {web: {image: busybox:local}}\n");
        for (String[] command : List.of(new String[] {"network", "--help"}, new String[] {"volume", "--help"},
                new String[] {"image", "ls", "--help"}, new String[] {"version", "--help"}, new String[] {"ps", "--help"})) {
            BerthRun help = fixture.berth(project, command).ok();
            assertTrue(help.out().startsWith("Usage: berth " + command[0]), help.toString());
        }
        BerthRun unknown = fixture.berth(project, "frobnicate");
        assertEquals(2, unknown.exitCode());
        assertEquals("berth: unknown command \"frobnicate\"; see 'berth --help'\n", unknown.err());
        assertTrue(fixture.berth(project, "bild").err().contains("did you mean \"build\"?"));
        assertTrue(fixture.berth(project, "lgs").err().contains("did you mean \"logs\"?"));
        assertEquals("0.1.0\n", fixture.berth(project, "version", "--short").ok().out());
        assertEquals("{\"version\":\"v0.1.0\"}\n", fixture.berth(project, "version", "--format", "json").ok().out());
        assertEquals(2, fixture.berth(project, "up", "-d", "--watch").exitCode(), "up -d --watch is a usage error, as in Compose");
    }
}
