package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.runtime.ContainerInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** berth stats and berth events on real containers: counters that match the cgroup, and the supervisor's event feed. */
@Tag("root")
class StatsEventsCommandsTest extends RealRuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @Test
    void statsNoStreamShowsTheMemoryAndPidsOfTheContainersCgroup() throws Exception {
        Path project = fixture.project("stats", """
                services:
                  web:
                    image: busybox:local
                    command: ["sh", "-c", "sleep 1000 & sleep 1000 & wait"]
                    mem_limit: 64m
                  job:
                    image: busybox:local
                    command: ["true"]
                """);
        fixture.berth(project, "up", "-d").ok();
        fixture.berth(project, "wait", "job").ok();
        ContainerInfo web = fixture.runtime.findContainerByName("stats-web-1").orElseThrow();
        Path memoryCgroup = memoryCgroupOf(web.pid());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(
                Path.of("/sys/fs/cgroup/pids").resolve(memoryCgroup).resolve("cgroup.procs")).lines().count() == 3);

        JsonNode row = JSON.readTree(fixture.berth(project, "stats", "--no-stream", "--format", "{{json .}}").ok().out());
        assertEquals("stats-web-1", row.path("Name").asText(), "only running containers without -a: " + row);
        assertEquals(web.id().shortId(), row.path("ID").asText());
        assertEquals("3", row.path("PIDs").asText(), "sh and its two sleeps");
        String[] memory = row.path("MemUsage").asText().split(" / ");
        assertEquals("64MiB", memory[1], "the limit of mem_limit");
        double shownKib = kib(memory[0]);
        Path cgroup = Path.of("/sys/fs/cgroup/memory").resolve(memoryCgroup);
        long usage = Long.parseLong(Files.readString(cgroup.resolve("memory.usage_in_bytes")).trim());
        long inactiveFile = Files.readAllLines(cgroup.resolve("memory.stat")).stream()
                .filter(line -> line.startsWith("total_inactive_file ")).mapToLong(line -> Long.parseLong(line.split(" ")[1]))
                .findFirst().orElseThrow();
        double cgroupKib = (usage - inactiveFile) / 1024.0;
        assertTrue(shownKib > 0 && Math.abs(shownKib - cgroupKib) < 512, "shown " + memory[0] + ", cgroup " + cgroupKib + " KiB");
        assertTrue(row.path("CPUPerc").asText().matches("\\d+\\.\\d\\d%"), row.toString());
        assertTrue(row.path("NetIO").asText().matches("[\\d.]+k?B / [\\d.]+k?B"), row.toString());

        assertEquals(1, fixture.berth(project, "stats", "--no-stream", "nosuch").exitCode(), "an unknown service, as Compose");
        assertEquals("stats-web-1 3\n", fixture.berth(project, "stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}").ok().out());
        List<String> table = fixture.berth(project, "stats", "--no-stream").ok().out().lines().toList();
        assertEquals(2, table.size(), String.join("\n", table));
        assertTrue(table.get(0).matches("CONTAINER ID +NAME +CPU % +MEM USAGE / LIMIT +MEM % +NET I/O +BLOCK I/O +PIDS"), table.get(0));
        assertTrue(table.get(1).startsWith(web.id().shortId() + "   stats-web-1   "), table.get(1));
        List<String> all = fixture.berth(project, "stats", "--no-stream", "-a", "--no-trunc", "--format",
                "table {{.ID}}\\t{{.Name}}\\t{{.MemUsage}}").ok().out().lines().toList();
        assertEquals(3, all.size(), String.join("\n", all));
        assertTrue(all.get(1).matches("[0-9a-f]{64} +stats-job-1 +0B / 0B"), all.get(1));
        assertTrue(all.get(2).startsWith(web.id().value()), all.get(2));
        try (PtyBerth berth = PtyBerth.start(project, fixture.config, new io.berth.runtime.linux.Terminals.WindowSize(24, 140),
                "stats")) {
            String clear = "\033[2J\033[H";
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> berth.output().split("\\Q" + clear + "\\E", -1).length > 3);
            String[] frames = berth.output().split("\\Q" + clear + "\\E", -1);
            assertTrue(frames[2].contains("CPU %") && frames[2].contains("stats-web-1"), "each second the table again, in place: " + frames[2]);
            berth.type("\u0003");
            berth.awaitExit(Duration.ofSeconds(20));
        }
        fixture.berth(project, "down").ok();
    }

    @Test
    void eventsJsonFollowsOtherInvocationsAndTheSupervisorsRestartsAndHealth() throws Exception {
        Path project = fixture.project("evt", """
                services:
                  probe:
                    image: busybox:local
                    command: ["sleep", "1000"]
                  web:
                    image: busybox:local
                    command: ["sleep", "1000"]
                    healthcheck:
                      test: ["CMD", "true"]
                      interval: 1s
                  crash:
                    image: busybox:local
                    command: ["sh", "-c", "sleep 1; exit 3"]
                    restart: on-failure:1
                """);
        // from a directory of its own: each run writes its output to DIR/.out
        Path watcher = Files.createDirectories(fixture.root.resolve("projects/evt-watcher"));
        Path out = watcher.resolve(".out");
        Process events = fixture.start(watcher, "-p", "evt", "-f", project.resolve("compose.yaml").toString(), "events", "--json");
        try {
            // the feed starts when the command has connected: until then, start the probe again and again
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                fixture.berth(project, "up", "-d", "probe").ok();
                fixture.berth(project, "rm", "-s", "-f", "probe").ok();
                return Files.readString(out).contains("\"service\":\"probe\"");
            });
            fixture.berth(project, "up", "-d", "web", "crash").ok();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                List<JsonNode> seen = read(out);
                return index(seen, "health_status: healthy", "web", 0) >= 0
                        && index(seen, "restart", "crash", 0) >= 0
                        && index(seen, "die", "crash", index(seen, "restart", "crash", 0)) >= 0;
            });
            fixture.berth(project, "restart", "web").ok();
            fixture.berth(project, "down").ok();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> index(read(out), "destroy", "web", 0) >= 0);
        } finally {
            events.destroy();
            events.waitFor();
        }
        List<JsonNode> seen = read(out);
        String all = String.join("\n", seen.stream().map(JsonNode::toString).toList());
        int created = index(seen, "create", "web", 0);
        int started = index(seen, "start", "web", created);
        assertTrue(created >= 0 && started > created, all);
        JsonNode start = seen.get(started);
        assertEquals("evt-web-1", start.path("attributes").path("name").asText(), all);
        assertEquals("busybox:local", start.path("attributes").path("image").asText(), all);
        assertEquals("container", start.path("type").asText());
        assertTrue(start.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"), all);
        assertTrue(start.path("attributes").path("com.docker.compose.project").isMissingNode(), "Compose's labels are left out: " + all);
        int died = index(seen, "die", "crash", 0);
        assertEquals("3", seen.get(died).path("attributes").path("exitCode").asText(), all);
        int restarted = index(seen, "start", "crash", died);
        assertTrue(restarted > died && index(seen, "restart", "crash", died) > restarted, "die, start, restart by the policy: " + all);
        int restartedByCommand = index(seen, "restart", "web", started);
        assertTrue(restartedByCommand > index(seen, "stop", "web", started)
                && restartedByCommand > index(seen, "start", "web", started + 1), "berth restart: stop, start, restart: " + all);
        started = restartedByCommand;
        int stopped = index(seen, "stop", "web", started);
        int diedOnDown = index(seen, "die", "web", started);
        int destroyed = index(seen, "destroy", "web", started);
        assertTrue(diedOnDown > started && stopped > diedOnDown && destroyed > stopped, "down: die, stop, destroy: " + all);
    }

    private static int index(List<JsonNode> events, String action, String service, int from) {
        for (int i = Math.max(0, from); i < events.size(); i++) {
            if (events.get(i).path("action").asText().equals(action) && events.get(i).path("service").asText().equals(service)) {
                return i;
            }
        }
        return -1;
    }

    private static List<JsonNode> read(Path out) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            if (line.startsWith("{") && line.endsWith("}")) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }

    /** The container's cgroup below the v1 memory hierarchy, from /proc/PID/cgroup ("N:memory:/berth/ID"). */
    private static Path memoryCgroupOf(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
            String[] fields = line.split(":", 3);
            if (List.of(fields[1].split(",")).contains("memory")) {
                return Path.of(fields[2].substring(1));
            }
        }
        throw new AssertionError("no memory cgroup of PID " + pid);
    }

    private static double kib(String size) {
        Map<String, Double> units = Map.of("B", 1.0 / 1024, "KiB", 1.0, "MiB", 1024.0, "GiB", 1024.0 * 1024);
        String unit = size.replaceAll("[\\d.]", "");
        return Double.parseDouble(size.substring(0, size.length() - unit.length())) * units.get(unit);
    }
}
