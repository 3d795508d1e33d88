package io.berth.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.linux.ProcessCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Images of many layers (issue 14): options that outgrow a page, a layer listed twice, the limit. */
@Tag("root")
class ManyLayersLaunchTest {
    private static ContainerHarness harness;
    private static KernelContainerLauncher launcher;

    @BeforeAll
    static void setUp() throws Exception {
        harness = ContainerHarness.open("layers");
        launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-test-layers");
    }

    @AfterAll
    static void tearDown() throws IOException {
        ContainerHarness.close(harness);
    }

    /** {@code count} layers over busybox, top-most first, each adding /layer-N; paths of ~100 characters. */
    private static List<Path> layers(int count) throws IOException {
        List<Path> lowers = new ArrayList<>();
        for (int i = count; i >= 1; i--) {
            Path layer = harness.stateRoot.resolve("layers").resolve(
                    "sha256-" + "0123456789abcdef".repeat(4) + "-" + i).resolve("diff");
            Files.createDirectories(layer);
            Files.writeString(layer.resolve("layer-" + i), "layer " + i + "\n");
            lowers.add(layer);
        }
        lowers.add(harness.layer);
        return lowers;
    }

    @Test
    void sixtyLayersWithOneListedTwiceStart() throws Exception {
        List<Path> lowers = layers(59);
        lowers.add(lowers.get(10)); // the same layer again, lower down: overlayfs would say ELOOP
        assertTrue(String.join(":", lowers.stream().map(Path::toString).toList()).length() > 4096,
                "the test must outgrow a page with absolute paths");
        LaunchRequest request = harness.request(ContainerHarness.sh(
                "n=0; for f in /layer-*; do n=$((n+1)); done; echo $n; cat /layer-49"), lowers);
        LaunchedProcess process = launcher.launch(request);
        try {
            assertEquals(0, ProcessCalls.waitFor(process.pid()).exitCode(), ContainerHarness.stderr(request));
        } finally {
            launcher.cleanup(request);
        }
        assertEquals("59\nlayer 49\n", ContainerHarness.stdout(request));
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(harness.stateRoot.toString()));
    }

    @Test
    void moreThan128LayersAreRefusedClearly() throws Exception {
        LaunchRequest request = harness.request(List.of("true"), layers(128));
        RuntimeException refused = assertThrows(RuntimeException.class, () -> launcher.launch(request));
        assertTrue(refused.getMessage().contains("129 layers") && refused.getMessage().contains("at most 128"),
                refused.getMessage());
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(harness.stateRoot.toString()));
    }
}
