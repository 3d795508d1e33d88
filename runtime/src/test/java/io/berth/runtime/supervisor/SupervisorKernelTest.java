package io.berth.runtime.supervisor;

import static io.berth.runtime.supervisor.SupervisorLifecycleTest.awaitCondition;
import static io.berth.runtime.supervisor.SupervisorLifecycleTest.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerState;
import io.berth.runtime.LogLine;
import io.berth.runtime.LogQuery;
import io.berth.runtime.StopResult;
import io.berth.runtime.client.SupervisorStatus;
import io.berth.runtime.linux.ProcStat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The supervisor with the real launcher, image store and networking: busybox containers in their
 * own namespaces, surviving a supervisor SIGKILL, leaving nothing behind; and the footprint figures.
 */
@Tag("root")
class SupervisorKernelTest extends KernelSupervisorTest {
    @Test
    void aBusyboxContainerRunsStopsAndLeavesNothingBehind() throws Exception {
        ContainerInfo info = runtime.createContainer(ContainerSpec.simple("berth-test-k-run", BUSYBOX,
                List.of("sh", "-c", "echo hello from $(hostname); exec sleep 1000")));
        runtime.startContainer(info.id());
        ContainerInfo running = runtime.inspectContainer(info.id()).orElseThrow();
        fixture.remember(running);
        assertEquals(ContainerState.RUNNING, running.state());
        awaitCondition(() -> logTexts(info.id()).contains("hello from " + info.id().shortId()));

        // PID 1 is sleep, which has no SIGTERM handler: the kernel would drop the signal
        StopResult stop = runtime.stopContainer(info.id(), Duration.ofSeconds(10));
        assertTrue(stop.killedEarly(), "killed early: " + stop);
        // not the 10 s grace (a bound tighter than that only measured the machine's load)
        assertTrue(stop.took().compareTo(Duration.ofSeconds(10)) < 0, "took " + stop.took());
        assertEquals(137, runtime.inspectContainer(info.id()).orElseThrow().exitCode());
        assertFalse(mounted(info.id()), "rootfs unmounted after exit");

        runtime.removeContainer(info.id(), false);
        assertNothingLeft(info.id(), running.pid());
    }

    @Test
    void containersOutliveASupervisorKillAndAreReadopted() throws Exception {
        ContainerInfo info = runtime.createContainer(ContainerSpec.simple("berth-test-k-tick", BUSYBOX,
                List.of("sh", "-c", "i=0; while true; do i=$((i+1)); echo tick$i; sleep 0.1; done")));
        runtime.startContainer(info.id());
        ContainerInfo running = runtime.inspectContainer(info.id()).orElseThrow();
        fixture.remember(running);
        awaitCondition(() -> logTexts(info.id()).size() >= 3);

        fixture.killSupervisor();
        sleep(500);
        assertTrue(ProcStat.isAlive(running.pid()));
        ContainerInfo readopted = runtime.inspectContainer(info.id()).orElseThrow();
        assertEquals(ContainerState.RUNNING, readopted.state());
        assertEquals(running.pid(), readopted.pid());
        int before = logTexts(info.id()).size();
        awaitCondition(() -> logTexts(info.id()).size() > before + 3);
        List<String> texts = logTexts(info.id());
        for (int i = 0; i < texts.size(); i++) {
            assertEquals("tick" + (i + 1), texts.get(i));
        }

        runtime.removeContainer(info.id(), true);
        assertNothingLeft(info.id(), running.pid());
    }

    @Test
    void execAndTopSeeTheContainersProcesses() throws Exception {
        ContainerInfo info = runtime.createContainer(ContainerSpec.simple("berth-test-k-exec", BUSYBOX,
                List.of("sleep", "1000")));
        runtime.startContainer(info.id());
        fixture.remember(runtime.inspectContainer(info.id()).orElseThrow());
        int code = runtime.exec(info.id(), new io.berth.runtime.ExecSpec(
                List.of("sh", "-c", "test \"$(hostname)\" = " + info.id().shortId() + " && exit 42"),
                List.of(), null, null, false, false, false, false));
        assertEquals(42, code);
        List<io.berth.runtime.ProcessEntry> processes = runtime.top(info.id());
        assertTrue(processes.stream().anyMatch(p -> p.command().startsWith("sleep")), processes.toString());
        runtime.removeContainer(info.id(), true);
    }

    @Test
    void aHealthcheckRunsInsideTheContainer() {
        ContainerSpec spec = SupervisorFixture.withLabels(ContainerSpec.simple("berth-test-k-health", BUSYBOX,
                List.of("sh", "-c", "sleep 1; touch /tmp/ready; exec sleep 1000")),
                Map.of("io.berth.healthcheck", "{\"test\":[\"CMD-SHELL\",\"test -f /tmp/ready\"],"
                        + "\"interval_ms\":300,\"retries\":3}"));
        ContainerInfo info = runtime.createContainer(spec);
        runtime.startContainer(info.id());
        fixture.remember(runtime.inspectContainer(info.id()).orElseThrow());
        awaitCondition(() -> "healthy".equals(runtime.inspectContainer(info.id()).orElseThrow().health()));
        runtime.removeContainer(info.id(), true);
    }

    @Test
    void peersOnANetworkFindEachOtherInTheirHostsFiles() {
        String network = "berth-test-sup-names";
        runtime.createNetwork(new io.berth.runtime.NetworkSpec(network, null, Map.of(), null, null, null, false, Map.of()));
        List<ContainerId> made = new ArrayList<>();
        try {
            ContainerInfo first = runtime.createContainer(onNetwork("berth-test-k-db", network, "db"));
            made.add(first.id());
            runtime.startContainer(first.id());
            fixture.remember(runtime.inspectContainer(first.id()).orElseThrow());
            ContainerInfo second = runtime.createContainer(onNetwork("berth-test-k-web", network, "web",
                    List.of("sh", "-c", "echo link $DATABASE_NAME; exec sleep 1000"),
                    List.of(new ContainerSpec.LinkSpec("berth-test-k-db", "database"))));
            made.add(second.id());
            runtime.startContainer(second.id());
            fixture.remember(runtime.inspectContainer(second.id()).orElseThrow());
            String dbAddress = runtime.inspectContainer(first.id()).orElseThrow().addresses().get(network);
            // the new container sees the old one, and the old one's file was rewritten in place
            assertEquals(0, execIn(second.id(), "grep -q '^" + dbAddress + ".*db' /etc/hosts"));
            String webAddress = runtime.inspectContainer(second.id()).orElseThrow().addresses().get(network);
            assertEquals(0, execIn(first.id(), "grep -q '^" + webAddress + ".*web' /etc/hosts"));
            // legacy links: the alias resolves and the link variables are set
            assertEquals(0, execIn(second.id(), "grep -q '^" + dbAddress + ".*database' /etc/hosts"));
            awaitCondition(() -> logTexts(second.id()).contains("link /berth-test-k-web/database"));
            // an exec gets them too, as under Docker (issue 14)
            assertEquals(0, execIn(second.id(), "test \"$DATABASE_NAME\" = /berth-test-k-web/database"));
        } finally {
            for (ContainerId id : made) {
                runtime.removeContainer(id, true);
            }
            runtime.removeNetwork(network);
        }
    }

    private static ContainerSpec onNetwork(String name, String network, String alias) {
        return onNetwork(name, network, alias, List.of("sleep", "1000"), List.of());
    }

    private static ContainerSpec onNetwork(String name, String network, String alias, List<String> command,
                                           List<ContainerSpec.LinkSpec> links) {
        ContainerSpec simple = ContainerSpec.simple(name, BUSYBOX, command);
        return new ContainerSpec(simple.name(), simple.labels(), simple.image(), null, simple.command(), List.of(),
                null, List.of(), null, null, null, false, false, null, null, List.of(),
                new io.berth.runtime.NetworkMode.Bridge(),
                List.of(new io.berth.runtime.NetworkAttachment(network, List.of(alias), null, null, null)),
                List.of(), List.of(), List.of(), List.of(), List.of(), false, List.of(), List.of(), false,
                null, null, Map.of(), List.of(), null, null, null, links);
    }

    private static int execIn(ContainerId id, String script) {
        return runtime.exec(id, new io.berth.runtime.ExecSpec(List.of("sh", "-c", script), List.of(), null, null,
                false, false, false, false));
    }

    @Test
    void anOomKillIsRecorded() {
        ContainerSpec simple = ContainerSpec.simple("berth-test-k-oom", BUSYBOX,
                List.of("sh", "-c", "head -c 200000000 /dev/zero | tail"));
        ContainerSpec limited = new ContainerSpec(simple.name(), Map.of(), simple.image(), null, simple.command(),
                List.of(), null, List.of(), null, null, null, false, false, null, null, List.of(),
                simple.networkMode(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), false,
                List.of(), List.of(), false, new ContainerSpec.Resources(16L << 20, 16L << 20, null, null, null, null),
                null, Map.of(), List.of(), null, null, null, List.of());
        ContainerInfo info = runtime.createContainer(limited);
        runtime.startContainer(info.id());
        ContainerInfo exited = runtime.waitForExit(info.id(), Duration.ofSeconds(60)).orElseThrow();
        assertEquals(ContainerState.EXITED, exited.state());
        assertTrue(exited.oomKilled(), "OOM-killed: " + exited);
        runtime.removeContainer(info.id(), false);
    }

    /** Figures for docs/benchmarks.md: supervisor idle RSS, RSS per running container, start latency. */
    @Test
    void footprintFigures() throws Exception {
        int count = Integer.getInteger("berth.bench.containers", 20);
        // warm-up: the classes of create, start, stop and remove loaded before the idle figure
        ContainerInfo warmUp = runtime.createContainer(ContainerSpec.simple("berth-test-k-warm", BUSYBOX,
                List.of("sleep", "1000")));
        runtime.startContainer(warmUp.id());
        fixture.remember(runtime.inspectContainer(warmUp.id()).orElseThrow());
        runtime.removeContainer(warmUp.id(), true);
        SupervisorStatus busy = runtime.supervisorStatus();
        sleep(36_000); // idle for 30 s: the supervisor gives its heap back
        SupervisorStatus idle = runtime.supervisorStatus();
        List<ContainerId> ids = new ArrayList<>();
        List<Long> startMillis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long began = System.nanoTime();
            ContainerInfo info = runtime.createContainer(ContainerSpec.simple("berth-test-k-fig" + i, BUSYBOX,
                    List.of("sleep", "1000")));
            runtime.startContainer(info.id());
            startMillis.add((System.nanoTime() - began) / 1_000_000);
            ids.add(info.id());
            fixture.remember(runtime.inspectContainer(info.id()).orElseThrow());
        }
        sleep(1500);
        SupervisorStatus loaded = runtime.supervisorStatus();
        assertTrue(loaded.running() >= count, "all running: " + loaded);
        List<Long> sorted = startMillis.stream().sorted().toList();
        String figures = String.format("supervisor figures (%d containers of busybox sleep):%n"
                        + "  supervisor VmRSS after the other tests and a warm-up container: %d KiB%n"
                        + "  supervisor idle VmRSS: %d KiB (RssAnon %d KiB, %d threads)%n"
                        + "  supervisor VmRSS with %d running: %d KiB (RssAnon %d KiB, %d threads)%n"
                        + "  VmRSS added per running container: %.1f KiB%n"
                        + "  create+start until running: median %d ms, min %d ms, max %d ms%n",
                count, busy.rssKib(), idle.rssKib(), idle.rssAnonKib(), idle.threads(), count, loaded.rssKib(),
                loaded.rssAnonKib(), loaded.threads(),
                (loaded.rssKib() - idle.rssKib()) / (double) count, sorted.get(sorted.size() / 2), sorted.get(0),
                sorted.get(sorted.size() - 1));
        figures += startBreakdown();
        System.out.print(figures);
        Files.writeString(Path.of("target", "supervisor-figures.txt"), figures);
        for (ContainerId id : ids) {
            runtime.removeContainer(id, true);
        }
        for (ContainerId id : ids) {
            assertTrue(runtime.inspectContainer(id).isEmpty());
        }
    }

    /** Medians of the supervisor's own start timing lines: network set-up and the launcher. */
    private static String startBreakdown() throws Exception {
        List<Long> network = new ArrayList<>();
        List<Long> launch = new ArrayList<>();
        java.util.regex.Pattern timing = java.util.regex.Pattern.compile(
                "started berth-test-k-fig\\d+ .*network (\\d+) ms, .*launch (\\d+) ms");
        for (String line : Files.readAllLines(fixture.config.runRoot().resolve("supervisor.log"))) {
            java.util.regex.Matcher matcher = timing.matcher(line);
            if (matcher.find()) {
                network.add(Long.parseLong(matcher.group(1)));
                launch.add(Long.parseLong(matcher.group(2)));
            }
        }
        if (network.isEmpty()) {
            return "";
        }
        network.sort(null);
        launch.sort(null);
        return String.format("  of which network set-up median %d ms, launcher (overlay, cgroup, init stage) median %d ms%n",
                network.get(network.size() / 2), launch.get(launch.size() / 2));
    }

    private static List<String> logTexts(ContainerId id) {
        List<String> texts = new ArrayList<>();
        runtime.readLogs(id, LogQuery.ALL, (LogLine line) -> texts.add(line.text()));
        return texts;
    }

    private static boolean mounted(ContainerId id) throws Exception {
        return Files.readString(Path.of("/proc/self/mountinfo")).contains(id.value());
    }

    private static void assertNothingLeft(ContainerId id, long pid) throws Exception {
        assertFalse(ProcStat.isAlive(pid), "process gone");
        assertFalse(mounted(id), "no mount");
        assertFalse(Files.exists(Path.of("/run/netns/berth-" + id.shortId())), "no netns");
        // the launcher's cgroups are berth/<id> in each hierarchy (others' come and go meanwhile: no walk)
        try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path hierarchy : hierarchies.toList()) {
                assertFalse(Files.exists(hierarchy.resolve("berth").resolve(id.value())), "cgroup left in " + hierarchy);
            }
        }
        assertFalse(Files.exists(Path.of("/sys/fs/cgroup/berth").resolve(id.value())), "no cgroup");
        assertFalse(Files.exists(fixture.config.stateRoot().resolve("containers").resolve(id.value())));
    }
}
