package io.berth.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.PushProgress;
import io.berth.runtime.RegistrySettings;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.UnpackLimits;
import io.berth.runtime.image.FileTrees;
import io.berth.runtime.image.ImageStore;
import io.berth.runtime.image.Pusher;
import io.berth.runtime.image.registry.RegistryClient;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.testfixtures.BusyboxImage;
import io.berth.testfixtures.FaultyProxy;
import io.berth.testfixtures.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A chunked push whose connection drops in the middle of the layer goes on from where the
 * registry (a real docker-registry behind {@link FaultyProxy}) says the upload got to, and the
 * image pulled back from it into an empty state root runs.
 */
@Tag("root")
class ResumedPushRunTest {
    private static ContainerHarness harness;
    private static KernelContainerLauncher launcher;
    private static Path dir;
    private static LocalRegistry registry;
    private static FaultyProxy proxy;

    @BeforeAll
    static void setUp() throws Exception {
        harness = ContainerHarness.open("resumed-push");
        Assumptions.assumeTrue(LocalRegistry.available(), "needs /usr/bin/docker-registry and skopeo");
        launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-test-resumed-push");
        dir = Files.createTempDirectory(Path.of("/tmp"), "berth-test-resumed-push-");
        registry = LocalRegistry.start();
        proxy = FaultyProxy.start(Integer.parseInt(registry.hostPort().substring(registry.hostPort().indexOf(':') + 1)));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (dir != null) {
            FileTrees.deleteRecursively(dir);
        }
        ContainerHarness.close(harness);
    }

    @Test
    void aPushResumedAfterADropPullsBackAndRuns() throws Exception {
        ImageReference target = ImageReference.parse(proxy.hostPort() + "/resumed/busybox:v1");
        ImageService pusher = ImageService.open(new RuntimeConfig(dir.resolve("pusher"), dir.resolve("pusher-run")));
        pusher.load(BusyboxImage.ociArchive());
        pusher.tag(BusyboxImage.NAME, target);
        proxy.armAtRequest("PATCH", 2); // the registry holds the first 256 KiB chunk of the layer
        List<PushProgress> events = new CopyOnWriteArrayList<>();
        new Pusher(ImageStore.open(dir.resolve("pusher"), UnpackLimits.DEFAULT), 64 * 1024, 256 * 1024)
                .push(target, new RegistryClient(target.registry()), events::add);
        assertEquals(1, proxy.faultsDone());
        long layerSize = events.stream().filter(p -> p.digest().toString().equals(BusyboxImage.get().layerDigest()))
                .findFirst().orElseThrow().sizeBytes();
        assertTrue(proxy.bytesToServer() - proxy.bytesToServerAtFault() < layerSize - 200 * 1024,
                (proxy.bytesToServer() - proxy.bytesToServerAtFault()) + " bytes sent after the drop");

        RegistrySettings settings = new RegistrySettings(dir.resolve("docker"), dir.resolve("certs.d"), Set.of());
        ImageService empty = ImageService.open(new RuntimeConfig(dir.resolve("puller"), dir.resolve("puller-run")));
        ImageInfo pulled = empty.pull(target, settings, p -> { });
        LaunchRequest request = harness.request(List.of("/bin/busybox", "echo", "pushed through a drop"),
                empty.layerDirs(pulled.id()));
        LaunchedProcess process = launcher.launch(request);
        try {
            assertEquals(0, ProcessCalls.waitFor(process.pid()).exitCode(), ContainerHarness.stderr(request));
        } finally {
            launcher.cleanup(request);
        }
        assertEquals("pushed through a drop\n", ContainerHarness.stdout(request));
    }
}
