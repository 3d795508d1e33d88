package io.berth.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.linux.ProcessCalls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long launch() takes until the command was exec'd, and where that time goes. Prints the
 * figures (target/surefire-reports/...LaunchLatencyTest-output.txt) for the benchmark notes.
 */
@Tag("root")
class LaunchLatencyTest {
    private static final int RUNS = 10;
    private static ContainerHarness harness;

    @BeforeAll
    static void setUp() throws Exception {
        harness = ContainerHarness.open("latency");
    }

    @AfterAll
    static void tearDown() throws IOException {
        ContainerHarness.close(harness);
    }

    @Test
    void launchLatencyUntilExec() {
        KernelContainerLauncher launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-test-latency");
        List<Long> totals = new ArrayList<>();
        List<Long> toReady = new ArrayList<>();
        List<Long> beforeSpawn = new ArrayList<>();
        for (int run = 0; run < RUNS + 1; run++) {
            LaunchRequest request = harness.request(List.of("true"));
            long start = System.nanoTime();
            LaunchedProcess process = launcher.launch(request);
            long end = System.nanoTime();
            long[] phases = KernelContainerLauncher.LAST_PHASES.get();
            try {
                assertEquals(0, ProcessCalls.waitFor(process.pid()).exitCode());
            } finally {
                launcher.cleanup(request);
            }
            if (run > 0) { // the first run pays for this JVM's own class loading
                totals.add((end - start) / 1_000_000);
                beforeSpawn.add((phases[0] - start) / 1_000_000);
                toReady.add((phases[2] - phases[1]) / 1_000_000);
            }
        }
        System.out.printf("launch until execve, %d runs: median %d ms, min %d ms, max %d ms%n", RUNS,
                median(totals), Collections.min(totals), Collections.max(totals));
        System.out.printf("  overlay + cgroup before spawn: median %d ms; init stage JVM start to ready: median %d ms%n",
                median(beforeSpawn), median(toReady));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
