package io.berth.engine.execute;

import io.berth.engine.Action;
import io.berth.engine.EngineException;
import io.berth.engine.Plan;
import io.berth.engine.PlanStep;
import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerState;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.PortClaim;
import io.berth.runtime.RuntimeOperationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Published-port conflicts found before a plan creates anything (Docker Compose finds them only
 * when the second container starts, after the networks and the first containers exist): the
 * fixed host ports of every container the plan starts (new or not), checked at once against this
 * host, against running Berth containers the plan does not stop, and against each other.
 */
final class PortPreflight {
    private PortPreflight() {
    }

    static void check(Plan plan, ContainerRuntime runtime) {
        List<PortClaim> claims = new ArrayList<>();
        Set<String> started = new HashSet<>();
        Set<String> created = new HashSet<>();
        Set<String> leavingNames = new HashSet<>();
        plan.steps().stream().filter(step -> step.action() instanceof Action.StartContainer)
                .forEach(step -> started.add(((Action.StartContainer) step.action()).container()));
        for (PlanStep step : plan.steps()) {
            // only what will run publishes: create alone (berth create, up --no-start) claims nothing, as Docker
            if (step.action() instanceof Action.CreateContainer create && started.contains(create.spec().name())) {
                created.add(create.spec().name());
                claim(claims, create.service(), create.spec());
            } else if (step.action() instanceof Action.StopContainer stop) {
                leavingNames.add(stop.container());
            } else if (step.action() instanceof Action.RemoveContainer remove) {
                leavingNames.add(remove.container());
            }
        }
        for (PlanStep step : plan.steps()) {
            if (step.action() instanceof Action.StartContainer start && !created.contains(start.container())) {
                runtime.findContainerByName(start.container())
                        .filter(existing -> existing.state() != ContainerState.RUNNING)
                        .ifPresent(existing -> claim(claims, start.service(), existing.spec()));
            }
        }
        if (claims.isEmpty()) {
            return;
        }
        Set<ContainerId> leaving = new HashSet<>();
        for (String name : leavingNames) {
            runtime.findContainerByName(name).map(ContainerInfo::id).ifPresent(leaving::add);
        }
        try {
            runtime.checkPorts(claims, leaving);
        } catch (RuntimeOperationException conflict) {
            throw new EngineException(conflict.getMessage(), conflict);
        }
    }

    /** Host network mode publishes nothing (the plan warned about it), as Docker. */
    private static void claim(List<PortClaim> claims, String service, ContainerSpec spec) {
        if (!spec.ports().isEmpty() && !(spec.networkMode() instanceof NetworkMode.Host)) {
            claims.add(new PortClaim(service == null ? spec.name() : service, spec.name(), spec.ports()));
        }
    }
}
