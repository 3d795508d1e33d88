package io.berth.runtime.supervisor;

import static io.berth.runtime.supervisor.SupervisorFixture.spec;
import static io.berth.runtime.supervisor.SupervisorLifecycleTest.awaitCondition;
import static io.berth.runtime.supervisor.SupervisorLifecycleTest.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerState;
import io.berth.runtime.LogLine;
import io.berth.runtime.LogQuery;
import io.berth.runtime.HostRuntime;
import io.berth.runtime.linux.ProcStat;
import io.berth.runtime.linux.ProcessCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Killing the supervisor with SIGKILL never kills or loses a container; a new one re-adopts them. */
class SupervisorReadoptionTest {
    private static final List<String> TICKER = List.of("sh", "-c",
            "i=0; while true; do i=$((i+1)); echo tick$i; sleep 0.1; done");
    private SupervisorFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new SupervisorFixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void containersSurviveASupervisorKillAndAreReadoptedWithTheirLogs() throws Exception {
        HostRuntime runtime = fixture.connect();
        ContainerInfo ticker = runtime.createContainer(spec("berth-test-ticker", TICKER));
        ContainerInfo sleeper = runtime.createContainer(spec("berth-test-sleeper", null));
        runtime.startContainer(ticker.id());
        runtime.startContainer(sleeper.id());
        ContainerInfo tickerRunning = runtime.inspectContainer(ticker.id()).orElseThrow();
        ContainerInfo sleeperRunning = runtime.inspectContainer(sleeper.id()).orElseThrow();
        fixture.remember(tickerRunning);
        fixture.remember(sleeperRunning);
        awaitCondition(() -> countLines(runtime, ticker) >= 3);
        long oldSupervisor = fixture.supervisorPid();

        fixture.killSupervisor();
        sleep(500); // the container keeps writing while nobody pumps its log
        assertTrue(ProcStat.isAlive(tickerRunning.pid()), "container outlives its supervisor");

        // any request starts a new supervisor, which re-adopts both
        ContainerInfo readopted = runtime.inspectContainer(ticker.id()).orElseThrow();
        assertNotEquals(oldSupervisor, fixture.supervisorPid());
        assertEquals(ContainerState.RUNNING, readopted.state());
        assertEquals(tickerRunning.pid(), readopted.pid());
        assertEquals(ContainerState.RUNNING, runtime.inspectContainer(sleeper.id()).orElseThrow().state());

        // logs: intact (every tick once, in order) and still growing
        int before = countLines(runtime, ticker);
        awaitCondition(() -> countLines(runtime, ticker) > before + 3);
        List<String> texts = new ArrayList<>();
        runtime.readLogs(ticker.id(), LogQuery.ALL, line -> texts.add(line.text()));
        for (int i = 0; i < texts.size(); i++) {
            assertEquals("tick" + (i + 1), texts.get(i), "no line lost or doubled");
        }

        // an exit the new supervisor sees: not its child, so the exit code is unknown (null)
        runtime.stopContainer(sleeper.id(), Duration.ofSeconds(5));
        ContainerInfo stopped = runtime.inspectContainer(sleeper.id()).orElseThrow();
        assertEquals(ContainerState.EXITED, stopped.state());
        assertNull(stopped.exitCode());
        assertTrue(!ProcStat.isAlive(sleeperRunning.pid()));
    }

    @Test
    void aContainerThatExitedWhileUnsupervisedIsReportedExited() throws Exception {
        HostRuntime runtime = fixture.connect();
        ContainerInfo info = runtime.createContainer(spec("berth-test-orphan", null));
        runtime.startContainer(info.id());
        ContainerInfo running = runtime.inspectContainer(info.id()).orElseThrow();
        fixture.remember(running);
        fixture.killSupervisor();
        ProcessCalls.killIfAlive(running.pid(), 9);
        awaitCondition(() -> !ProcStat.isAlive(running.pid()));

        ContainerInfo after = runtime.inspectContainer(info.id()).orElseThrow();
        assertEquals(ContainerState.EXITED, after.state());
        assertNull(after.exitCode(), "exit status unknowable: it was not the new supervisor's child");
        runtime.removeContainer(info.id(), false);
    }

    @Test
    void concurrentClientsCreateUniqueNamesAndStartOneSupervisor() throws Exception {
        int clients = 6;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger winners = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    // every client starts the supervisor if none answers: only one may result
                    HostRuntime runtime = fixture.connect();
                    for (int i = 0; i < 3; i++) {
                        runtime.createContainer(spec("berth-test-c" + client + "-" + i, null));
                    }
                    try {
                        runtime.createContainer(spec("berth-test-shared", null));
                        winners.incrementAndGet();
                    } catch (io.berth.runtime.RuntimeOperationException e) {
                        assertEquals(io.berth.runtime.RuntimeOperationException.Kind.CONFLICT, e.kind());
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        assertEquals(List.of(), failures);
        assertEquals(1, winners.get(), "exactly one create of a name wins");
        HostRuntime runtime = fixture.connect();
        assertEquals(clients * 3 + 1, runtime.listContainers(Map.of()).size());
        assertEquals(1, countSupervisors(), "one supervisor per state root");
    }

    @Test
    void racingProcessesStartOneSupervisorAndOneContainerPerName() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            processes.add(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), ConnectAndCreateMain.class.getName(),
                    fixture.config.stateRoot().toString(), fixture.config.runRoot().toString(),
                    "berth-test-p" + p, "berth-test-race").redirectErrorStream(true).start());
        }
        List<String> output = new ArrayList<>();
        for (Process process : processes) {
            output.addAll(new String(process.getInputStream().readAllBytes()).lines().toList());
            assertEquals(0, process.waitFor(), String.join("\n", output));
        }
        assertEquals(1, output.stream().filter(line -> line.equals("created berth-test-race")).count(),
                String.join("\n", output));
        assertEquals(3, output.stream().filter(line -> line.startsWith("conflict berth-test-race")).count(),
                String.join("\n", output));
        assertEquals(1, countSupervisors(), "one supervisor per state root");
        assertEquals(5, fixture.connect().listContainers(Map.of()).size());
    }

    @Test
    void aRemovalOrStartCutShortBySupervisorDeathIsFinishedOrUndone() throws Exception {
        HostRuntime runtime = fixture.connect();
        ContainerInfo removing = runtime.createContainer(spec("berth-test-cut-remove", null));
        ContainerInfo starting = runtime.createContainer(spec("berth-test-cut-start", null));
        fixture.killSupervisor();
        // what a supervisor killed half-way through remove and start leaves on disk
        var store = new io.berth.runtime.state.ContainerStore(
                new io.berth.runtime.state.ContainerLayout(fixture.config));
        store.save(store.load(removing.id()).orElseThrow().toBuilder()
                .state(ContainerState.REMOVING).build());
        store.save(store.load(starting.id()).orElseThrow().toBuilder().starting(true).build());

        assertTrue(runtime.inspectContainer(removing.id()).isEmpty(), "the removal was finished");
        ContainerInfo undone = runtime.inspectContainer(starting.id()).orElseThrow();
        assertEquals(ContainerState.CREATED, undone.state());
        runtime.startContainer(starting.id());
        assertEquals(ContainerState.RUNNING, runtime.inspectContainer(starting.id()).orElseThrow().state());
        fixture.remember(runtime.inspectContainer(starting.id()).orElseThrow());
    }

    @Test
    void killingTheSupervisorAtRandomMomentsLeavesConsistentState() throws Exception {
        HostRuntime runtime = fixture.connect();
        java.util.Random random = new java.util.Random(42);
        List<ContainerInfo> made = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            // a client keeps creating and starting while the supervisor is killed under it
            int base = round * 5;
            Thread worker = new Thread(() -> {
                for (int i = base; i < base + 5; i++) {
                    try {
                        ContainerInfo info = runtime.createContainer(spec("berth-test-chaos" + i, TICKER));
                        runtime.startContainer(info.id());
                    } catch (RuntimeException interrupted) {
                        // a create cut short by the kill is reported, not repeated
                    }
                }
            });
            worker.start();
            sleep(100 + random.nextInt(400));
            fixture.killSupervisor();
            worker.join(30_000);
        }
        List<ContainerInfo> all = runtime.listContainers(Map.of());
        all.forEach(fixture::remember);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (ContainerInfo info : all) {
            assertTrue(names.add(info.name()), "names stay unique: " + info.name());
            assertTrue(info.state() == ContainerState.RUNNING || info.state() == ContainerState.CREATED,
                    info.name() + " is " + info.state());
            if (info.state() == ContainerState.RUNNING) {
                assertTrue(ProcStat.isAlive(info.pid()), info.name() + " runs as recorded");
                made.add(info);
            }
        }
        assertTrue(made.size() >= 4, "most got started: " + made.size());
        sleep(600);
        for (ContainerInfo info : made) {
            List<String> texts = new ArrayList<>();
            runtime.readLogs(info.id(), LogQuery.ALL, line -> texts.add(line.text()));
            // A start the kill interrupted is cleaned up by the next supervisor (its process ended) and
            // the client's start, asked again, runs the command anew: the count may begin again at
            // tick1, once per interrupted start; anything else is a lost, doubled or interleaved line.
            int expected = 1;
            int runs = 1;
            for (String text : texts) {
                if (!text.equals("tick" + expected) && text.equals("tick1")) {
                    expected = 1;
                    runs++;
                }
                assertEquals("tick" + expected, text, info.name() + ": no line lost or doubled: " + texts);
                expected++;
            }
            assertTrue(runs <= 2, info.name() + " started more than twice: " + texts);
        }
    }

    private long countSupervisors() throws Exception {
        String root = fixture.config.stateRoot().toString();
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(args ->
                List.of(args).contains(root) && List.of(args).contains(SupervisorMain.class.getName()))
                .orElse(false)).count();
    }

    private static int countLines(HostRuntime runtime, ContainerInfo info) {
        List<LogLine> lines = new ArrayList<>();
        runtime.readLogs(info.id(), LogQuery.ALL, lines::add);
        return lines.size();
    }
}
