package io.berth.runtime.supervisor;

import static io.berth.runtime.supervisor.SupervisorFixture.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerState;
import io.berth.runtime.LogLine;
import io.berth.runtime.LogQuery;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.StopResult;
import io.berth.runtime.HostRuntime;
import io.berth.runtime.linux.ProcStat;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's container life cycle with plain host processes (no namespaces): states and
 * transitions, stop signals, exit codes, names, labels, logs and restart policies.
 */
class SupervisorLifecycleTest {
    private static SupervisorFixture fixture;
    private static HostRuntime runtime;

    @BeforeAll
    static void startSupervisor() throws Exception {
        fixture = new SupervisorFixture();
        runtime = fixture.connect();
    }

    @AfterAll
    static void stopSupervisor() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void createStartStopRemoveWalksTheStates() throws Exception {
        ContainerInfo created = runtime.createContainer(spec("berth-test-cycle", null));
        assertEquals(ContainerState.CREATED, created.state());
        assertEquals(0, created.pid());
        runtime.startContainer(created.id());
        ContainerInfo running = runtime.inspectContainer(created.id()).orElseThrow();
        fixture.remember(running);
        assertEquals(ContainerState.RUNNING, running.state());
        assertTrue(ProcStat.startTime(running.pid()).isPresent(), "PID 1 runs");
        assertEquals(running.spec().name(), "berth-test-cycle");

        // sleep has no SIGTERM handler: the stop kills it at once instead of waiting 10 s
        StopResult stop = runtime.stopContainer(created.id(), Duration.ofSeconds(10));
        assertTrue(stop.wasRunning());
        assertTrue(stop.killedEarly(), "no handler for SIGTERM: killed early");
        // not the 10 s grace (a bound tighter than that only measured the machine's load)
        assertTrue(stop.took().compareTo(Duration.ofSeconds(10)) < 0, "took " + stop.took());
        ContainerInfo exited = runtime.inspectContainer(created.id()).orElseThrow();
        assertEquals(ContainerState.EXITED, exited.state());
        assertEquals(137, exited.exitCode());
        assertFalse(ProcStat.startTime(running.pid()).isPresent(), "process gone");

        runtime.removeContainer(created.id(), false);
        assertTrue(runtime.inspectContainer(created.id()).isEmpty());
        assertFalse(Files.exists(fixture.config.stateRoot().resolve("containers").resolve(created.id().value())));
    }

    @Test
    void stopWaitsForAProcessThatHandlesTheSignal() {
        ContainerInfo info = runtime.createContainer(spec("berth-test-trap",
                List.of("sh", "-c", "trap 'exit 3' TERM; while true; do sleep 0.05; done")));
        runtime.startContainer(info.id());
        fixture.remember(runtime.inspectContainer(info.id()).orElseThrow());
        // give sh time to install its trap
        awaitCondition(() -> ProcStat.catchesSignal(runtime.inspectContainer(info.id()).orElseThrow().pid(), 15));
        StopResult stop = runtime.stopContainer(info.id(), Duration.ofSeconds(10));
        assertFalse(stop.killedEarly());
        assertFalse(stop.killedAfterTimeout());
        assertEquals(3, runtime.inspectContainer(info.id()).orElseThrow().exitCode());
        runtime.removeContainer(info.id(), false);
    }

    @Test
    void exitCodeIsRecordedAndWaitReturnsAtExit() {
        ContainerInfo info = runtime.createContainer(spec("berth-test-exit7", List.of("sh", "-c", "exit 7")));
        runtime.startContainer(info.id());
        ContainerInfo after = runtime.waitForExit(info.id(), Duration.ofSeconds(60)).orElseThrow();
        assertEquals(ContainerState.EXITED, after.state());
        assertEquals(7, after.exitCode());
        assertFalse(after.oomKilled());
        runtime.removeContainer(info.id(), false);
    }

    @Test
    void aDuplicateNameIsAConflict() {
        ContainerInfo first = runtime.createContainer(spec("berth-test-dup", null));
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> runtime.createContainer(spec("berth-test-dup", null)));
        assertEquals(RuntimeOperationException.Kind.CONFLICT, e.kind());
        runtime.removeContainer(first.id(), false);
    }

    @Test
    void removingARunningContainerNeedsForce() {
        ContainerInfo info = runtime.createContainer(spec("berth-test-force", null));
        runtime.startContainer(info.id());
        long pid = runtime.inspectContainer(info.id()).orElseThrow().pid();
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> runtime.removeContainer(info.id(), false));
        assertEquals(RuntimeOperationException.Kind.CONFLICT, e.kind());
        runtime.removeContainer(info.id(), true);
        assertTrue(runtime.inspectContainer(info.id()).isEmpty());
        assertFalse(ProcStat.isAlive(pid));
    }

    @Test
    void listFiltersByLabelsAndFindsByName() {
        ContainerInfo a = runtime.createContainer(SupervisorFixture.withLabels(spec("berth-test-la", null),
                Map.of("project", "p1", "service", "web")));
        ContainerInfo b = runtime.createContainer(SupervisorFixture.withLabels(spec("berth-test-lb", null),
                Map.of("project", "p2")));
        assertEquals(List.of(a.id()), runtime.listContainers(Map.of("project", "p1")).stream()
                .map(ContainerInfo::id).toList());
        assertEquals(b.id(), runtime.findContainerByName("berth-test-lb").orElseThrow().id());
        assertTrue(runtime.findContainerByName("berth-test-none").isEmpty());
        runtime.removeContainer(a.id(), false);
        runtime.removeContainer(b.id(), false);
    }

    @Test
    void imageAndSpecAreCombinedLikeDocker() {
        ContainerInfo info = runtime.createContainer(spec("berth-test-env",
                List.of("sh", "-c", "echo \"$FROM_IMAGE $HOME $HOSTNAME\"; id -u")));
        runtime.startContainer(info.id());
        runtime.waitForExit(info.id(), Duration.ofSeconds(60));
        List<LogLine> lines = new ArrayList<>();
        runtime.readLogs(info.id(), LogQuery.ALL, lines::add);
        assertEquals("1 /root " + info.id().shortId(), lines.get(0).text());
        runtime.removeContainer(info.id(), false);
    }

    @Test
    void logsKeepStreamsAndSupportTailAndFollow() {
        ContainerInfo info = runtime.createContainer(spec("berth-test-logs",
                List.of("sh", "-c", "for i in 1 2 3 4 5; do echo out$i; echo err$i >&2; sleep 0.1; done")));
        runtime.startContainer(info.id());
        List<LogLine> followed = new ArrayList<>();
        runtime.readLogs(info.id(), new LogQuery(true, null, null, null), followed::add);
        assertEquals(10, followed.size(), followed.toString());
        assertEquals(List.of("out1", "out2", "out3", "out4", "out5"), followed.stream()
                .filter(l -> l.stream().equals("stdout")).map(LogLine::text).toList());
        assertEquals(List.of("err1", "err2", "err3", "err4", "err5"), followed.stream()
                .filter(l -> l.stream().equals("stderr")).map(LogLine::text).toList());
        List<LogLine> tail = new ArrayList<>();
        runtime.readLogs(info.id(), new LogQuery(false, 2, null, null), tail::add);
        assertEquals(2, tail.size());
        runtime.removeContainer(info.id(), false);
    }

    @Test
    void onFailureRestartsUpToItsLimit() {
        ContainerInfo info = runtime.createContainer(SupervisorFixture.withRestart(
                spec("berth-test-onfail", List.of("sh", "-c", "echo run; exit 1")), "on-failure", 2));
        runtime.startContainer(info.id());
        awaitCondition(() -> {
            ContainerInfo now = runtime.inspectContainer(info.id()).orElseThrow();
            return now.state() == ContainerState.EXITED && now.restartCount() == 2;
        });
        List<LogLine> lines = new ArrayList<>();
        runtime.readLogs(info.id(), LogQuery.ALL, lines::add);
        assertEquals(3, lines.size(), "ran once and restarted twice: " + lines);
        assertEquals(1, runtime.inspectContainer(info.id()).orElseThrow().exitCode());
        runtime.removeContainer(info.id(), false);
    }

    @Test
    void alwaysRestartsUntilStopped() {
        ContainerInfo info = runtime.createContainer(SupervisorFixture.withRestart(
                spec("berth-test-always", List.of("sh", "-c", "sleep 0.1; exit 0")), "always", 0));
        runtime.startContainer(info.id());
        awaitCondition(() -> runtime.inspectContainer(info.id()).orElseThrow().restartCount() >= 2);
        runtime.stopContainer(info.id(), Duration.ofSeconds(5));
        ContainerInfo stopped = runtime.inspectContainer(info.id()).orElseThrow();
        assertEquals(ContainerState.EXITED, stopped.state());
        int count = stopped.restartCount();
        sleep(700);
        assertEquals(count, runtime.inspectContainer(info.id()).orElseThrow().restartCount(), "stays stopped");
        runtime.removeContainer(info.id(), false);
    }

    @Test
    void killOfAStoppedContainerIsAConflict() {
        ContainerInfo info = runtime.createContainer(spec("berth-test-kill", null));
        assertThrows(RuntimeOperationException.class, () -> runtime.killContainer(info.id(), "SIGKILL"));
        runtime.startContainer(info.id());
        runtime.killContainer(info.id(), "KILL");
        ContainerInfo after = runtime.waitForExit(info.id(), Duration.ofSeconds(60)).orElseThrow();
        assertEquals(137, after.exitCode());
        assertNull(runtime.stopContainer(info.id(), null).took() == null ? "x" : null);
        runtime.removeContainer(info.id(), false);
    }

    @Test
    void healthchecksGoFromStartingToHealthyToUnhealthy() throws Exception {
        java.nio.file.Path ready = fixture.root.resolve("ready");
        ContainerInfo info = runtime.createContainer(SupervisorFixture.withLabels(spec("berth-test-health", null),
                Map.of("io.berth.healthcheck", "{\"test\":[\"CMD-SHELL\",\"test -f " + ready
                        + "\"],\"interval_ms\":100,\"timeout_ms\":2000,\"retries\":2}")));
        runtime.startContainer(info.id());
        assertEquals("starting", runtime.inspectContainer(info.id()).orElseThrow().health());
        Files.writeString(ready, "");
        awaitCondition(() -> "healthy".equals(runtime.inspectContainer(info.id()).orElseThrow().health()));
        Files.delete(ready);
        awaitCondition(() -> "unhealthy".equals(runtime.inspectContainer(info.id()).orElseThrow().health()));
        runtime.removeContainer(info.id(), true);
    }

    @Test
    void noHealthcheckMeansNoHealthStatus() {
        ContainerInfo info = runtime.createContainer(spec("berth-test-nohealth", null));
        runtime.startContainer(info.id());
        assertNull(runtime.inspectContainer(info.id()).orElseThrow().health());
        runtime.removeContainer(info.id(), true);
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            sleep(50);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
