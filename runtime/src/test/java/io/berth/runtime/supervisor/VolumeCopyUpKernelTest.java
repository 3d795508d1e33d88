package io.berth.runtime.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.MountSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Docker's copy-up of image content into an empty named volume, on real containers. */
@Tag("root")
class VolumeCopyUpKernelTest extends KernelSupervisorTest {
    @Test
    void anEmptyVolumeIsFilledWithTheImagesContentAtItsTarget() throws Exception {
        Path data = runAndRemove("berth-test-copyup", "berth-test-copyup-vol", Map.of());
        assertEquals("hello from berth busybox\n", Files.readString(data.resolve("index.html")));
        runtime.removeVolume("berth-test-copyup-vol", false);
    }

    @Test
    void nocopyLeavesTheVolumeEmpty() throws Exception {
        Path data = runAndRemove("berth-test-nocopy", "berth-test-nocopy-vol", Map.of("nocopy", "true"));
        assertFalse(Files.exists(data.resolve("index.html")), "nocopy: nothing copied");
        runtime.removeVolume("berth-test-nocopy-vol", false);
    }

    /** Runs a container with the volume on /www (where the image has index.html); its data dir. */
    private static Path runAndRemove(String name, String volume, Map<String, String> options) throws Exception {
        ContainerSpec simple = ContainerSpec.simple(name, BUSYBOX, List.of("ls", "/www"));
        ContainerSpec spec = simple.withMounts(
                List.of(new MountSpec(MountSpec.Type.VOLUME, volume, "/www", false, options)));
        ContainerInfo info = runtime.createContainer(spec);
        runtime.startContainer(info.id());
        fixture.remember(runtime.inspectContainer(info.id()).orElseThrow());
        assertTrue(runtime.waitForExit(info.id(), Duration.ofSeconds(30)).isPresent(), "exited");
        runtime.removeContainer(info.id(), false);
        return runtime.inspectVolume(volume).orElseThrow().mountpoint();
    }
}
