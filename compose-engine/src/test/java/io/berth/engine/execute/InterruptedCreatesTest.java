package io.berth.engine.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.engine.TestProjects;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.RuntimeOperationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The create an interrupted `up` sent is the container the next `up` wants, and nothing else is. */
class InterruptedCreatesTest {
    private static final Map<String, String> LABELS = Map.of("com.docker.compose.project", "p",
            "com.docker.compose.service", "app", "com.docker.compose.container-number", "1",
            "com.docker.compose.config-hash", "abc");

    @Test
    void aCreatedTwinWithTheSameLabelsIsTaken() {
        InMemoryRuntime runtime = new InMemoryRuntime();
        ContainerInfo earlier = runtime.createContainer(spec("p-app-1", LABELS)); // the interrupted up's
        ContainerInfo taken = InterruptedCreates.create(runtime, spec("p-app-1", LABELS));
        assertEquals(earlier.id(), taken.id());
    }

    @Test
    void anotherConfigurationOrAStartedContainerStaysAConflict() {
        InMemoryRuntime runtime = new InMemoryRuntime();
        runtime.createContainer(spec("p-app-1", LABELS));
        Map<String, String> changed = new java.util.HashMap<>(LABELS);
        changed.put("com.docker.compose.config-hash", "def");
        assertThrows(RuntimeOperationException.class, () -> InterruptedCreates.create(runtime, spec("p-app-1", changed)));

        ContainerInfo started = runtime.createContainer(spec("p-app-2", LABELS));
        runtime.startContainer(started.id());
        assertThrows(RuntimeOperationException.class, () -> InterruptedCreates.create(runtime, spec("p-app-2", LABELS)));

        runtime.createContainer(spec("unlabelled", Map.of()));
        assertThrows(RuntimeOperationException.class, () -> InterruptedCreates.create(runtime, spec("unlabelled", Map.of())));
    }

    private static ContainerSpec spec(String name, Map<String, String> labels) {
        return new ContainerSpec(name, labels, TestProjects.BUSYBOX, null, List.of("true"), List.of(), null, List.of(),
                null, null, null, false, false, null, null, List.of(), new NetworkMode.None(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), false, List.of(),
                List.of(), false, ContainerSpec.Resources.NONE, ContainerSpec.RestartPolicy.NO, Map.of(), List.of(), null,
                null, null, List.of());
    }
}
