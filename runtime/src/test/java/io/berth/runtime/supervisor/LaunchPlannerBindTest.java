package io.berth.runtime.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.MountSpec;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.container.LaunchRequest;
import io.berth.runtime.launch.LaunchPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bind sources as Docker Compose treats them: made when missing unless create_host_path is false. */
class LaunchPlannerBindTest {
    private final Path base;

    LaunchPlannerBindTest() throws Exception {
        base = Files.createTempDirectory("berth-test-bind-");
    }

    @AfterEach
    void removeBase() throws Exception {
        try (var paths = Files.walk(base)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aMissingBindSourceIsMadeAsADirectory() {
        Path missing = base.resolve("data/sub");
        List<LaunchRequest.Mount> mounts = mounts(missing, Map.of("create-host-path", "true"));
        assertTrue(Files.isDirectory(missing), "made: " + missing);
        assertEquals(missing, mounts.get(0).source());
    }

    @Test
    void aMissingBindSourceIsRefusedWhenCreateHostPathIsFalse() {
        Path missing = base.resolve("absent");
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> mounts(missing, Map.of("create-host-path", "false")));
        assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());
    }

    private static List<LaunchRequest.Mount> mounts(Path source, Map<String, String> options) {
        ContainerSpec simple = ContainerSpec.simple("berth-test-bind", SupervisorFixture.IMAGE, List.of("true"));
        ContainerSpec spec = simple.withMounts(
                List.of(new MountSpec(MountSpec.Type.BIND, source.toString(), "/data", false, options)));
        return LaunchPlanner.mounts(ContainerId.random(), spec, null, new ArrayList<>());
    }
}
