package io.berth.engine.execute;

import static io.berth.engine.TestProjects.project;
import static io.berth.engine.TestProjects.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.engine.ComposeEngine;
import io.berth.engine.DesiredProject;
import io.berth.engine.Lifecycle;
import io.berth.engine.ProgressListener;
import io.berth.engine.ServiceDependency;
import io.berth.engine.UpOptions;
import io.berth.runtime.ContainerInfo;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** start, stop and rm of existing containers, ordered by the depends_on labels they carry. */
class LifecycleTest {
    private final InMemoryRuntime runtime = new InMemoryRuntime();
    private final DesiredProject desired = project(
            service("db").build(),
            service("web").scale(2).dependsOn(ServiceDependency.started("db")).build(),
            service("proxy").dependsOn(ServiceDependency.started("web")).build());
    private final Lifecycle lifecycle = new Lifecycle(runtime, ProgressListener.SILENT, 4, "demo");

    private void up() {
        new ComposeEngine(runtime, ProgressListener.SILENT, 4).execute(
                new ComposeEngine(runtime, ProgressListener.SILENT, 4).planUp(desired, UpOptions.defaults()));
        runtime.calls.clear();
    }

    @Test
    void containersComeByServiceThenReplicaNumber() {
        up();
        assertEquals(List.of("demo-db-1", "demo-proxy-1", "demo-web-1", "demo-web-2"),
                lifecycle.containers(Set.of(), false).stream().map(ContainerInfo::name).toList());
        assertEquals(List.of("demo-web-1", "demo-web-2"),
                lifecycle.containers(Set.of("web"), false).stream().map(ContainerInfo::name).toList());
    }

    @Test
    void stopWalksDependentsFirstAndStartWalksDependenciesFirst() {
        up();
        lifecycle.stop(Set.of(), Duration.ofSeconds(1));
        List<String> stops = List.copyOf(runtime.calls);
        assertTrue(stops.indexOf("stop demo-proxy-1") < stops.indexOf("stop demo-web-1"), stops.toString());
        assertTrue(stops.indexOf("stop demo-web-2") < stops.indexOf("stop demo-db-1"), stops.toString());
        runtime.calls.clear();
        lifecycle.start(Set.of());
        List<String> starts = List.copyOf(runtime.calls);
        assertTrue(starts.indexOf("start demo-db-1") < starts.indexOf("start demo-web-1"), starts.toString());
        assertTrue(starts.indexOf("start demo-web-2") < starts.indexOf("start demo-proxy-1"), starts.toString());
    }

    @Test
    void removeWithoutStopFirstLeavesRunningContainers() {
        up();
        lifecycle.stop(Set.of("proxy"), Duration.ofSeconds(1));
        assertEquals(List.of("demo-proxy-1"), lifecycle.remove(Set.of(), false, Duration.ofSeconds(1)));
        assertEquals(3, lifecycle.containers(Set.of(), false).size());
    }
}
