package io.berth.runtime.container;

import io.berth.runtime.linux.ProcessCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs -Dscratch.script in a container and prints its output: a developer's tool, skipped normally. */
@Tag("root")
class ScratchRunTest {
    @Test
    void run() throws Exception {
        String script = System.getProperty("scratch.script");
        Assumptions.assumeTrue(script != null, "set -Dscratch.script to run a script in a container");
        Path state = Files.createTempDirectory("berth-test-scratch-");
        try {
            ContainerHarness harness = new ContainerHarness(state);
            KernelContainerLauncher launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-test-scratch");
            LaunchRequest request = harness.request(ContainerHarness.sh(script));
            LaunchedProcess process = launcher.launch(request);
            int exit = ProcessCalls.waitFor(process.pid()).exitCode();
            launcher.cleanup(request);
            System.out.println("exit " + exit + "\n--- stdout\n" + ContainerHarness.stdout(request) + "--- stderr\n"
                    + ContainerHarness.stderr(request));
        } finally {
            ContainerIsolationTest.deleteTree(state);
        }
    }
}
