package io.berth.cli.compose;

import io.berth.engine.EngineException;
import io.berth.engine.ComposeLabels;
import io.berth.engine.ObservedState;
import io.berth.engine.ProgressListener;
import io.berth.engine.Lifecycle;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import java.util.Set;

/** Finds the container {@code exec} and friends act on: replica {@code --index} of a service. */
final class ServiceContainers {
    private ServiceContainers() {
    }

    static ContainerInfo replica(ContainerRuntime runtime, String project, String service, int index) {
        return new Lifecycle(runtime, ProgressListener.SILENT, 1, project).containers(Set.of(service), false).stream()
                .filter(container -> ObservedState.number(container) == index)
                .findFirst()
                .orElseThrow(() -> new EngineException("service " + service + ": no container with index " + index
                        + " (is the service running? try: berth up -d " + service + ")"));
    }

    /** {@link #replica}, which must be running ({@code exec}, {@code attach}). */
    static ContainerInfo runningReplica(ContainerRuntime runtime, String project, String service, int index) {
        ContainerInfo container = replica(runtime, project, service, index);
        if (!container.state().isRunning()) {
            throw new EngineException("service " + service + ": container " + container.name() + " is not running");
        }
        return container;
    }

    static String service(ContainerInfo container) {
        return ComposeLabels.of(container).service();
    }
}
